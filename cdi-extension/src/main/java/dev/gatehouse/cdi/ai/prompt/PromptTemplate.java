package dev.gatehouse.cdi.ai.prompt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt with {@code {{name}}} variables. Values are inserted as plain text, once: a value that itself contains
 * {@code {{...}}} is not expanded again, so callers cannot reach other variables or the template.
 */
public final class PromptTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private final String text;
    private final Set<String> variables;

    /** @throws IllegalArgumentException for a {@code {{} that does not open a well-formed variable */
    public PromptTemplate(String text) {
        this.text = text;
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        int checked = 0;
        while (matcher.find()) {
            if (text.substring(checked, matcher.start()).contains("{{")) {
                throw new IllegalArgumentException("malformed variable near position " + checked);
            }
            names.add(matcher.group(1));
            checked = matcher.end();
        }
        if (text.substring(checked).contains("{{")) {
            throw new IllegalArgumentException("malformed variable near position " + checked);
        }
        this.variables = Set.copyOf(names);
    }

    public Set<String> variables() {
        return variables;
    }

    /** The variables {@code values} lacks, in template order. */
    public List<String> missing(Map<String, String> values) {
        List<String> missing = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!values.containsKey(name) && !missing.contains(name)) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** The text with every variable replaced (all must be present). */
    public String render(Map<String, String> values) {
        return VARIABLE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
    }
}
