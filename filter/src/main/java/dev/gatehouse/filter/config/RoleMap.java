package dev.gatehouse.filter.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Optional mapping from token groups to application roles ({@value ConfigKeys#ROLE_MAP}, e.g.
 * {@code admins=admin,ops=admin,staff=user}). Without a map, a caller's roles are its groups (MP-JWT). With one, they
 * are exactly the roles its groups map to: a group the map does not name gives no role, so the map is the whole role
 * vocabulary and a role it cannot produce is worth a warning at deployment.
 *
 * @param groupsToRoles group name to the roles it grants; empty means "no map"
 */
public record RoleMap(Map<String, Set<String>> groupsToRoles) {

    /** No mapping: roles are the groups. */
    public static final RoleMap NONE = new RoleMap(Map.of());

    public RoleMap {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        groupsToRoles.forEach((group, roles) -> copy.put(group, Set.copyOf(roles)));
        groupsToRoles = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Parses {@code group=role} pairs separated by commas; a group may appear several times.
     *
     * @throws ConfigException naming {@value ConfigKeys#ROLE_MAP} for a pair that is not {@code group=role}
     */
    public static RoleMap parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        Map<String, Set<String>> map = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            String[] parts = pair.split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new ConfigException(ConfigKeys.ROLE_MAP, "must be a comma-separated list of group=role pairs");
            }
            map.computeIfAbsent(parts[0].strip(), g -> new LinkedHashSet<>()).add(parts[1].strip());
        }
        return new RoleMap(map);
    }

    /** Whether a map is configured. */
    public boolean isEnabled() {
        return !groupsToRoles.isEmpty();
    }

    /** Whether some group maps to {@code role}; always true without a map (any group name can be a role). */
    public boolean canProduce(String role) {
        return !isEnabled() || groupsToRoles.values().stream().anyMatch(roles -> roles.contains(role));
    }

    /** The roles of a caller with {@code groups}: the groups themselves without a map, the mapped roles with one. */
    public Set<String> rolesOf(Set<String> groups) {
        if (!isEnabled()) {
            return groups;
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String group : groups) {
            roles.addAll(groupsToRoles.getOrDefault(group, Set.of()));
        }
        return Set.copyOf(roles);
    }
}
