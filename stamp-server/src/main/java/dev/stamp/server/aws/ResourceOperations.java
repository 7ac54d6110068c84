package dev.stamp.server.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CaPermission;
import dev.stamp.core.ca.CaResources;
import dev.stamp.core.ca.CaTag;
import dev.stamp.server.auth.Permission;
import dev.stamp.server.aws.AwsOperation.Caller;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Tags, permissions and resource policies of a CA (AWS's Tag/Untag/ListTags, *Permission, *Policy). */
final class ResourceOperations {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String ACM = "acm.amazonaws.com";
    private static final Set<String> ACTIONS = Set.of("IssueCertificate", "GetCertificate", "ListPermissions");

    private final CaResources resources;
    private final Arns arns;
    private final ObjectMapper mapper = new ObjectMapper();

    ResourceOperations(CaResources resources, Arns arns) {
        this.resources = resources;
        this.arns = arns;
    }

    List<AwsOperation> operations() {
        return List.of(
                new AwsOperation("TagCertificateAuthority", Permission.ADMIN, this::tag),
                new AwsOperation("UntagCertificateAuthority", Permission.ADMIN, this::untag),
                new AwsOperation("ListTags", Permission.READ, this::listTags),
                new AwsOperation("CreatePermission", Permission.ADMIN, this::createPermission),
                new AwsOperation("DeletePermission", Permission.ADMIN, this::deletePermission),
                new AwsOperation("ListPermissions", Permission.READ, this::listPermissions),
                new AwsOperation("PutPolicy", Permission.ADMIN, this::putPolicy),
                new AwsOperation("GetPolicy", Permission.READ, this::getPolicy),
                new AwsOperation("DeletePolicy", Permission.ADMIN, this::deletePolicy));
    }

    /** AWS Tag members as core tags; a bad key or value is InvalidTagException. */
    static List<CaTag> tags(Input in, String member) {
        List<Input> items = in.objects(member, 1, 50);
        if (items == null) return null;
        List<CaTag> tags = new ArrayList<>();
        for (Input t : items) {
            String key = t.requiredString("Key", 1, 128);
            String value = t.string("Value", 0, 256);
            try {
                tags.add(new CaTag(key, value));
            } catch (StampException e) {
                throw new AwsException("InvalidTagException", 400, e.getMessage());
            }
        }
        return tags;
    }

    private String caId(Input in) {
        return arns.caId(in.requiredString("CertificateAuthorityArn", 5, 200));
    }

    private ObjectNode tag(Input in, Caller caller) {
        String id = caId(in);
        List<CaTag> tags = tags(in, "Tags");
        if (tags == null) throw AwsException.validation("tags", null, "Member must not be null");
        resources.tag(id, tags, caller.actor());
        return JSON.objectNode();
    }

    private ObjectNode untag(Input in, Caller caller) {
        String id = caId(in);
        List<CaTag> tags = tags(in, "Tags");
        if (tags == null) throw AwsException.validation("tags", null, "Member must not be null");
        resources.untag(id, tags, caller.actor());
        return JSON.objectNode();
    }

    private ObjectNode listTags(Input in, Caller caller) {
        List<CaTag> all = resources.tags(caId(in));
        Page page = Page.of(in, all.size());
        ObjectNode out = JSON.objectNode();
        var items = out.putArray("Tags");
        for (CaTag t : all.subList(page.from(), page.to())) {
            ObjectNode item = items.addObject().put("Key", t.key());
            if (t.value() != null) item.put("Value", t.value());
        }
        page.next().ifPresent(n -> out.put("NextToken", n));
        return out;
    }

    private ObjectNode createPermission(Input in, Caller caller) {
        String id = caId(in);
        String principal = principal(in);
        List<String> actions = in.strings("Actions", 1, 3);
        if (actions == null) throw AwsException.validation("actions", null, "Member must not be null");
        for (String a : actions) {
            if (!ACTIONS.contains(a)) throw AwsException.validation("actions", a, "Member must satisfy enum value set: " + ACTIONS);
        }
        resources.addPermission(id, principal, sourceAccount(in), List.copyOf(new java.util.LinkedHashSet<>(actions)), caller.actor());
        return JSON.objectNode();
    }

    private ObjectNode deletePermission(Input in, Caller caller) {
        resources.removePermission(caId(in), principal(in), sourceAccount(in), caller.actor());
        return JSON.objectNode();
    }

    private ObjectNode listPermissions(Input in, Caller caller) {
        String id = caId(in);
        List<CaPermission> all = resources.permissions(id);
        Page page = Page.of(in, all.size());
        ObjectNode out = JSON.objectNode();
        var items = out.putArray("Permissions");
        for (CaPermission p : all.subList(page.from(), page.to())) {
            ObjectNode item = items.addObject().put("CertificateAuthorityArn", arns.ca(id)).put("CreatedAt", AwsShapes.seconds(p.createdAt()))
                    .put("Principal", p.principal());
            if (p.sourceAccount() != null) item.put("SourceAccount", p.sourceAccount());
            var actions = item.putArray("Actions");
            p.actions().forEach(actions::add);
        }
        page.next().ifPresent(n -> out.put("NextToken", n));
        return out;
    }

    private ObjectNode putPolicy(Input in, Caller caller) {
        String id = arns.caId(in.requiredString("ResourceArn", 5, 200));
        String policy = in.requiredString("Policy", 1, 81920);
        JsonNode parsed;
        try {
            parsed = mapper.readTree(policy);
        } catch (JsonProcessingException e) {
            throw new AwsException("InvalidPolicyException", 400, "the policy is not JSON: " + e.getOriginalMessage());
        }
        if (parsed == null || !parsed.isObject() || !parsed.has("Statement")
                || !(parsed.get("Statement").isArray() || parsed.get("Statement").isObject()) || parsed.get("Statement").isEmpty()) {
            throw new AwsException("InvalidPolicyException", 400, "the policy must be a JSON object with at least one Statement");
        }
        resources.putPolicy(id, policy, caller.actor());
        return JSON.objectNode();
    }

    private ObjectNode getPolicy(Input in, Caller caller) {
        return JSON.objectNode().put("Policy", resources.policy(arns.caId(in.requiredString("ResourceArn", 5, 200))));
    }

    private ObjectNode deletePolicy(Input in, Caller caller) {
        resources.deletePolicy(arns.caId(in.requiredString("ResourceArn", 5, 200)), caller.actor());
        return JSON.objectNode();
    }

    private static String principal(Input in) {
        String principal = in.requiredString("Principal", 0, 128);
        if (!principal.equals(ACM)) throw new AwsException("InvalidArgsException", 400, "Principal must be " + ACM + ", not '" + principal + "'");
        return principal;
    }

    private static String sourceAccount(Input in) {
        String account = in.string("SourceAccount", 12, 12);
        if (account != null && !account.matches("\\d{12}")) throw AwsException.validation("sourceAccount", account, "Member must satisfy regular expression pattern: [0-9]+");
        return account;
    }

    /** A page of a list: MaxResults (1 to 1000) and an opaque NextToken holding the next offset. */
    record Page(int from, int to, int size) {
        static Page of(Input in, int size) {
            Long max = in.number("MaxResults", 1, 1000);
            String token = in.string("NextToken", 1, 43739);
            int from = token == null ? 0 : offset(token);
            if (from > size) throw new AwsException("InvalidNextTokenException", 400, "the NextToken is past the end of the list");
            int to = (int) Math.min(size, (long) from + (max == null ? 1000 : max));
            return new Page(from, to, size);
        }

        java.util.Optional<String> next() {
            return to < size ? java.util.Optional.of(token(to)) : java.util.Optional.empty();
        }

        static String token(int offset) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.US_ASCII));
        }

        static int offset(String token) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
                if (!text.startsWith("offset:")) throw new IllegalArgumentException();
                int n = Integer.parseInt(text.substring(7));
                if (n < 0) throw new IllegalArgumentException();
                return n;
            } catch (IllegalArgumentException e) {
                throw new AwsException("InvalidNextTokenException", 400, "the NextToken is not one this server gave out");
            }
        }
    }
}
