package dev.stamp.server.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stamp.core.Pki;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthorities;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.CreateCaRequest;
import dev.stamp.core.ca.RevocationConfiguration;
import dev.stamp.core.ca.UsageMode;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.issue.ValidityType;
import dev.stamp.core.revoke.RevocationReason;
import dev.stamp.server.http.ChainPems;
import org.bouncycastle.cert.X509CertificateHolder;

import dev.stamp.core.ca.CaResources;
import dev.stamp.core.ca.CaTag;
import dev.stamp.server.auth.Permission;
import dev.stamp.server.auth.Principal;
import dev.stamp.server.aws.AwsOperation.Caller;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * AWS Private CA's operations over the core. Each takes the parsed JSON input and the caller, checks the caller's
 * role against the operation (and an issuer key's CAs against the CA the ARN names), and returns the output object.
 * Stamp is synchronous where AWS is not: a CA's CSR and an issued certificate are ready when the call returns.
 */
final class AcmPcaOperations {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** AWS answers at most 100 CAs per page whatever MaxResults says. */
    private static final int MAX_PAGE = 100;

    private final Pki pki;
    private final ChainPems chainPems = new ChainPems();
    private final Arns arns;
    private final AwsSettings settings;
    private final java.time.InstantSource clock;
    private final CaResources resources;
    private final Map<String, AwsOperation> operations;

    private final java.util.function.Consumer<dev.stamp.core.revoke.Revocation> revoked;

    /** @param revoked told of every revocation made here (the server publishes its CRL and refreshes its OCSP answer at once) */
    AcmPcaOperations(Pki pki, CaResources resources, AwsSettings settings, java.time.InstantSource clock, java.nio.file.Path reportDir,
                     java.util.function.Consumer<dev.stamp.core.revoke.Revocation> revoked) {
        this.revoked = revoked;
        this.pki = pki;
        this.arns = new Arns(settings);
        this.settings = settings;
        this.clock = clock;
        this.resources = resources;
        List<AwsOperation> all = new ArrayList<>(List.of(
                new AwsOperation("CreateCertificateAuthority", Permission.ADMIN, this::createCertificateAuthority),
                new AwsOperation("DescribeCertificateAuthority", Permission.READ, this::describeCertificateAuthority),
                new AwsOperation("ListCertificateAuthorities", Permission.READ, this::listCertificateAuthorities),
                new AwsOperation("UpdateCertificateAuthority", Permission.ADMIN, this::updateCertificateAuthority),
                new AwsOperation("DeleteCertificateAuthority", Permission.ADMIN, this::deleteCertificateAuthority),
                new AwsOperation("RestoreCertificateAuthority", Permission.ADMIN, this::restoreCertificateAuthority),
                new AwsOperation("GetCertificateAuthorityCsr", Permission.READ, this::getCertificateAuthorityCsr),
                new AwsOperation("ImportCertificateAuthorityCertificate", Permission.ADMIN, this::importCertificateAuthorityCertificate),
                new AwsOperation("GetCertificateAuthorityCertificate", Permission.READ, this::getCertificateAuthorityCertificate),
                new AwsOperation("IssueCertificate", Permission.ISSUE, this::issueCertificate),
                new AwsOperation("GetCertificate", Permission.READ, this::getCertificate),
                new AwsOperation("RevokeCertificate", Permission.ISSUE, this::revokeCertificate)));
        all.addAll(new ResourceOperations(resources, arns).operations());
        all.addAll(new AuditReportOperations(pki, resources, arns, settings, clock, reportDir).operations());
        Map<String, AwsOperation> map = new java.util.HashMap<>();
        for (AwsOperation o : all) map.put(o.name(), o);
        this.operations = Map.copyOf(map);
    }

    AwsOperation find(String name) {
        return operations.get(name);
    }

    /** Runs an operation for the caller; AccessDeniedException when its role or CAs do not allow it. */
    ObjectNode run(AwsOperation op, Input input, Caller caller) {
        boolean allowed = Principal.of(caller.grant()).allows(op.permission(), null);
        String arnMember = input.has("CertificateAuthorityArn") ? "CertificateAuthorityArn" : "ResourceArn";
        String caArn = input.has(arnMember) ? input.string(arnMember, 5, 200) : null;
        if (allowed && caArn != null && !caller.grant().covers(arns.caId(caArn))) allowed = false;
        if (!allowed) {
            throw new AwsException("AccessDeniedException", 403, "User: arn:aws:iam::" + settings.account() + ":user/" + caller.accessKeyId()
                    + " is not authorized to perform: acm-pca:" + op.name() + (caArn != null ? " on resource: " + caArn : ""));
        }
        try {
            return op.handler().apply(input, caller);
        } catch (StampException e) {
            throw AwsErrors.of(e, op.name());
        }
    }

    private CertificateAuthorities cas() {
        return pki.authorities();
    }

    private String caId(Input in) {
        return arns.caId(in.requiredString("CertificateAuthorityArn", 5, 200));
    }

    private ObjectNode createCertificateAuthority(Input in, Caller caller) {
        Input config = in.requiredObject("CertificateAuthorityConfiguration");
        KeyAlgorithm key = config.requiredEnum("KeyAlgorithm", KeyAlgorithm.class);
        SigningAlgorithm signing = config.requiredEnum("SigningAlgorithm", SigningAlgorithm.class);
        var subject = AwsShapes.subject(config.requiredObject("Subject"));
        CaType type = in.requiredEnum("CertificateAuthorityType", CaType.class);
        String token = in.string("IdempotencyToken", 1, 36);
        in.enumValue("KeyStorageSecurityStandard", KeyStorageSecurityStandard.class);
        UsageMode usage = in.enumValue("UsageMode", UsageMode.class);
        List<CaTag> tags = ResourceOperations.tags(in, "Tags");
        Input revocationIn = in.object("RevocationConfiguration");
        RevocationConfiguration revocation = revocationIn == null ? null : AwsShapes.revocation(revocationIn, RevocationConfiguration.disabled());
        // The same token within five minutes names the CA it made then, as AWS's idempotent create does.
        CaResources.Creation creation = resources.createOnce(token,
                () -> cas().create(new CreateCaRequest(type, subject, key, signing, usage, revocation), caller.actor()).id());
        if (creation.made() && tags != null) resources.tag(creation.caId(), tags, caller.actor());
        return JSON.objectNode().put("CertificateAuthorityArn", arns.ca(creation.caId()));
    }

    private ObjectNode describeCertificateAuthority(Input in, Caller caller) {
        ObjectNode out = JSON.objectNode();
        out.set("CertificateAuthority", AwsShapes.ca(cas().get(caId(in)), arns, settings.account()));
        return out;
    }

    private ObjectNode listCertificateAuthorities(Input in, Caller caller) {
        // Every Stamp CA belongs to the one configured account: none is shared in from another account.
        boolean others = in.enumValue("ResourceOwner", ResourceOwner.class) == ResourceOwner.OTHER_ACCOUNTS;
        List<CertificateAuthority> visible = others ? List.of() : cas().list().stream().filter(ca -> caller.grant().covers(ca.id())).toList();
        ResourceOperations.Page page = ResourceOperations.Page.of(in, visible.size());
        int to = Math.min(page.to(), page.from() + MAX_PAGE);
        ObjectNode out = JSON.objectNode();
        var items = out.putArray("CertificateAuthorities");
        for (CertificateAuthority ca : visible.subList(page.from(), to)) items.add(AwsShapes.ca(ca, arns, settings.account()));
        if (to < visible.size()) out.put("NextToken", ResourceOperations.Page.token(to));
        return out;
    }

    private ObjectNode updateCertificateAuthority(Input in, Caller caller) {
        String id = caId(in);
        CaStatus status = in.enumValue("Status", CaStatus.class);
        Input revocationIn = in.object("RevocationConfiguration");
        cas().update(id, status, revocationIn == null ? null : current -> AwsShapes.revocation(revocationIn, current), caller.actor());
        return JSON.objectNode();
    }

    private ObjectNode deleteCertificateAuthority(Input in, Caller caller) {
        Long days = in.number("PermanentDeletionTimeInDays", 7, 30);
        cas().delete(caId(in), days == null ? CertificateAuthorities.DEFAULT_RESTORE_DAYS : days.intValue(), caller.actor());
        return JSON.objectNode();
    }

    private ObjectNode restoreCertificateAuthority(Input in, Caller caller) {
        cas().restore(caId(in), caller.actor());
        return JSON.objectNode();
    }

    private ObjectNode getCertificateAuthorityCsr(Input in, Caller caller) {
        CertificateAuthority ca = cas().get(caId(in));
        if (ca.csr() == null) throw StampException.invalidState("certificate authority " + arns.ca(ca.id()) + " has no CSR");
        return JSON.objectNode().put("Csr", Pem.csr(ca.csr()));
    }

    private ObjectNode importCertificateAuthorityCertificate(Input in, Caller caller) {
        String id = caId(in);
        byte[] certificate = in.requiredBlob("Certificate", 1, 32768);
        byte[] chain = in.blob("CertificateChain", 0, 2097152);
        cas().importCertificate(id, certificate, chain == null || chain.length == 0 ? List.of() : List.of(chain), caller.actor());
        return JSON.objectNode();
    }

    private ObjectNode getCertificateAuthorityCertificate(Input in, Caller caller) {
        CertificateAuthority ca = cas().get(caId(in));
        if (ca.certificate() == null) {
            throw StampException.invalidState("certificate authority " + arns.ca(ca.id()) + " has no certificate yet (" + ca.status() + ")");
        }
        ObjectNode out = JSON.objectNode().put("Certificate", Pem.certificate(ca.certificate()));
        if (!ca.chain().isEmpty()) out.put("CertificateChain", Pem.certificates(ca.chain()));
        return out;
    }

    private ObjectNode issueCertificate(Input in, Caller caller) {
        String id = caId(in);
        byte[] csr = in.requiredBlob("Csr", 1, 32768);
        SigningAlgorithm signing = in.requiredEnum("SigningAlgorithm", SigningAlgorithm.class);
        Input validityIn = in.requiredObject("Validity");
        Validity validity = new Validity(validityIn.requiredNumber("Value", 1, Long.MAX_VALUE), validityIn.requiredEnum("Type", ValidityType.class));
        Instant notBefore = null;
        Input notBeforeIn = in.object("ValidityNotBefore");
        if (notBeforeIn != null) {
            long value = notBeforeIn.requiredNumber("Value", 1, Long.MAX_VALUE);
            ValidityType type = notBeforeIn.requiredEnum("Type", ValidityType.class);
            if (type != ValidityType.ABSOLUTE) throw new AwsException("InvalidArgsException", 400, "ValidityNotBefore takes Type ABSOLUTE only, not " + type);
            notBefore = Instant.ofEpochSecond(value);
        }
        String templateArn = in.string("TemplateArn", 5, 200);
        Template template = Template.named(templateArn == null ? Template.DEFAULT : templateArn);
        var passthrough = AwsPassthrough.of(in.object("ApiPassthrough"));
        String token = in.string("IdempotencyToken", 1, 36);
        IssuedCertificate issued = pki.issuance().issue(new IssueRequest(id, csr, signing, template, validity, notBefore, passthrough, token, caller.actor()));
        return JSON.objectNode().put("CertificateArn", arns.certificate(id, issued.record().serial()));
    }

    private ObjectNode getCertificate(Input in, Caller caller) {
        String id = caId(in);
        Arns.CertificateArn arn = arns.certificate(in.requiredString("CertificateArn", 5, 200));
        if (!arn.caId().equals(id)) {
            throw new AwsException("InvalidArgsException", 400, "CertificateArn belongs to another certificate authority than CertificateAuthorityArn");
        }
        IssuedCertificate issued = pki.issuance().certificate(id, arn.serial());
        ObjectNode out = JSON.objectNode().put("Certificate", Pem.encode("CERTIFICATE", issued.record().der()));
        List<X509CertificateHolder> chain = issued.chain();
        if (!chain.isEmpty()) out.put("CertificateChain", chainPems.of(id, chain));
        return out;
    }

    private ObjectNode revokeCertificate(Input in, Caller caller) {
        String id = caId(in);
        String serialText = in.requiredString("CertificateSerial", 0, 128);
        String reasonText = in.requiredString("RevocationReason", 1, 64);
        RevocationReason reason = Arrays.stream(RevocationReason.values()).filter(r -> r.awsName().equals(reasonText)).findFirst()
                .orElseThrow(() -> AwsException.validation("revocationReason", reasonText, "Member must satisfy enum value set: "
                        + Arrays.stream(RevocationReason.values()).map(RevocationReason::awsName).toList()));
        BigInteger serial;
        try {
            serial = new BigInteger(serialText.replace(":", ""), 16);
            if (serial.signum() <= 0) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw new AwsException("InvalidRequestException", 400, "CertificateSerial '" + serialText + "' is not a hexadecimal serial number");
        }
        revoked.accept(pki.revocations().revoke(id, serial, reason, caller.actor()));
        return JSON.objectNode();
    }

    enum KeyStorageSecurityStandard { FIPS_140_2_LEVEL_2_OR_HIGHER, FIPS_140_2_LEVEL_3_OR_HIGHER, CCPC_LEVEL_1_OR_HIGHER }

    enum ResourceOwner { SELF, OTHER_ACCOUNTS }

    /** Every operation name, for the unknown-operation message. */
    List<String> names() {
        List<String> names = new ArrayList<>(operations.keySet());
        names.sort(null);
        return names;
    }
}
