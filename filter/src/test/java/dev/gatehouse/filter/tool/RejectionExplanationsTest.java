package dev.gatehouse.filter.tool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.gatehouse.filter.token.Rejection;

class RejectionExplanationsTest {

    @ParameterizedTest
    @EnumSource(Rejection.class)
    void explainWhenAnyRejectionThenGivesOneSentenceOfItsOwn(Rejection rejection) {
        String text = RejectionExplanations.explain(rejection);

        assertTrue(RejectionExplanations.explains(rejection), rejection + " needs an explanation");
        assertTrue(text.endsWith(".") && !text.isBlank() && text.length() < 260, text);
    }

    @Test
    void explainWhenTwoRejectionsThenTheirSentencesDiffer() {
        Set<String> seen = new HashSet<>();
        for (Rejection rejection : EnumSet.allOf(Rejection.class)) {
            assertTrue(seen.add(RejectionExplanations.explain(rejection)), rejection + " repeats another sentence");
        }
    }
}
