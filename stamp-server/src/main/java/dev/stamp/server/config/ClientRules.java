package dev.stamp.server.config;

import dev.stamp.core.token.Role;
import dev.stamp.server.auth.ClientCertificates;

import javax.security.auth.x500.X500Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns the config file's {@code clients:} entries into {@link ClientCertificates} rules, naming a bad entry by its index. */
public final class ClientRules {
    private ClientRules() {}

    public static ClientCertificates of(List<ServerSettings.ClientRule> entries) {
        List<ClientCertificates.Rule> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                rules.add(rule(entries.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("clients[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new ClientCertificates(rules);
    }

    private static ClientCertificates.Rule rule(ServerSettings.ClientRule entry) {
        int given = (entry.subject() != null ? 1 : 0) + (entry.dns() != null ? 1 : 0) + (entry.uri() != null ? 1 : 0);
        if (given != 1) throw new IllegalArgumentException("give exactly one of subject, dns or uri");
        ClientCertificates.Match match;
        if (entry.subject() != null) {
            try {
                match = new ClientCertificates.Match.Subject(new X500Principal(entry.subject()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("subject '" + entry.subject() + "' is not an X.500 name: " + e.getMessage());
            }
        } else if (entry.dns() != null) {
            match = new ClientCertificates.Match.Dns(entry.dns());
        } else {
            match = new ClientCertificates.Match.Uri(entry.uri());
        }
        if (entry.role() == null) throw new IllegalArgumentException("role is missing (admin, issuer or auditor)");
        Role role;
        try {
            role = Role.valueOf(entry.role().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be admin, issuer or auditor, not '" + entry.role() + "'");
        }
        return new ClientCertificates.Rule(match, role, entry.cas());
    }
}
