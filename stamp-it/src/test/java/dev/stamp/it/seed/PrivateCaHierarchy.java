package dev.stamp.it.seed;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A root and a subordinate CA made through the AWS CLI the way AWS documents it for AWS Private CA: create the root,
 * get its CSR, issue it with RootCACertificate/V1, import; create the subordinate, issue its CSR from the root with
 * SubordinateCACertificate_PathLen0/V1, import with its chain.
 */
record PrivateCaHierarchy(String rootArn, String subordinateArn, Path rootPem, Path subordinatePem) {
    private static final String CONFIG = "{\"KeyAlgorithm\":\"EC_prime256v1\",\"SigningAlgorithm\":\"SHA256WITHECDSA\","
            + "\"Subject\":{\"Organization\":\"Example\",\"CommonName\":\"%s\"}}";

    static PrivateCaHierarchy create(AwsCli aws, Path dir) {
        String root = aws.field("/CertificateAuthorityArn", "create-certificate-authority", "--certificate-authority-type", "ROOT",
                "--certificate-authority-configuration", CONFIG.formatted("Example Private Root CA"));
        Path rootPem = dir.resolve("root-ca.pem");
        signAndImport(aws, root, root, "arn:aws:acm-pca:::template/RootCACertificate/V1", "10", rootPem, null);

        String sub = aws.field("/CertificateAuthorityArn", "create-certificate-authority", "--certificate-authority-type", "SUBORDINATE",
                "--certificate-authority-configuration", CONFIG.formatted("Example Issuing CA"));
        Path subPem = dir.resolve("issuing-ca.pem");
        signAndImport(aws, sub, root, "arn:aws:acm-pca:::template/SubordinateCACertificate_PathLen0/V1", "5", subPem, dir.resolve("issuing-ca-chain.pem"));
        return new PrivateCaHierarchy(root, sub, rootPem, subPem);
    }

    /** Issues {@code ca}'s CSR from {@code signer} and imports the result (with the chain for a subordinate). */
    private static void signAndImport(AwsCli aws, String ca, String signer, String template, String years, Path certFile, Path chainFile) {
        Path dir = certFile.getParent();
        aws.acmPca("wait", "certificate-authority-csr-created", "--certificate-authority-arn", ca);
        Path csr = dir.resolve(certFile.getFileName().toString().replace(".pem", ".csr"));
        write(csr, aws.field("/Csr", "get-certificate-authority-csr", "--certificate-authority-arn", ca));
        String certArn = aws.field("/CertificateArn", "issue-certificate", "--certificate-authority-arn", signer, "--csr", "fileb://" + csr,
                "--signing-algorithm", "SHA256WITHECDSA", "--template-arn", template, "--validity", "Value=" + years + ",Type=YEARS");
        aws.acmPca("wait", "certificate-issued", "--certificate-authority-arn", signer, "--certificate-arn", certArn);
        JsonNode issued = aws.acmPca("get-certificate", "--certificate-authority-arn", signer, "--certificate-arn", certArn);
        write(certFile, issued.get("Certificate").asText());
        if (chainFile == null) {
            aws.acmPca("import-certificate-authority-certificate", "--certificate-authority-arn", ca, "--certificate", "fileb://" + certFile);
        } else {
            write(chainFile, issued.get("CertificateChain").asText());
            aws.acmPca("import-certificate-authority-certificate", "--certificate-authority-arn", ca, "--certificate", "fileb://" + certFile,
                    "--certificate-chain", "fileb://" + chainFile);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text.endsWith("\n") ? text : text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
