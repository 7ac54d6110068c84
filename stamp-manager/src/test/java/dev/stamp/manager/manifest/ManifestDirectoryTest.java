package dev.stamp.manager.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.stamp.manager.manifest.Manifests.certificate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void readsYamlAndYmlFilesInNameOrderAndNothingElse() throws IOException {
        Files.writeString(dir.resolve("b-issuer.yml"), "apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: self}\nspec: {selfSigned: {}}\n");
        Files.writeString(dir.resolve("a-certs.yaml"), certificate("") + "---\n" + certificate("duration: 30m").replace("name: app", "name: bad"));
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        Files.writeString(dir.resolve(".editor-swap.yaml"), "kind: [");
        Files.createDirectory(dir.resolve("nested.yaml"));
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/c.yaml"), certificate(""));

        List<ManifestDirectory.ManifestFile> files = ManifestDirectory.read(dir, "default");

        assertThat(files).extracting(f -> f.path().getFileName().toString()).containsExactly("a-certs.yaml", "b-issuer.yml");
        assertThat(files.get(0).documents()).hasSize(2);
        assertThat(files.get(0).documents().get(0)).isInstanceOf(ManifestResult.CertificateManifest.class);
        assertThat(((ManifestResult.Invalid) files.get(0).documents().get(1)).messages())
                .containsExactly("a-certs.yaml document 2: spec.duration: Invalid value: 30m0s: certificate duration must be greater than 1h0m0s");
        assertThat(files.get(1).documents()).singleElement().isInstanceOf(ManifestResult.IssuerManifest.class);
    }

    @Test
    void aFileThatIsNotUtf8IsOneInvalidResultNamingIt() throws IOException {
        Files.write(dir.resolve("latin1.yaml"), new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xe9, '\n'});
        Files.writeString(dir.resolve("ok.yaml"), certificate(""));

        List<ManifestDirectory.ManifestFile> files = ManifestDirectory.read(dir, "default");

        assertThat(((ManifestResult.Invalid) files.get(0).documents().getFirst()).messages())
                .containsExactly("latin1.yaml document 1: <file>: Invalid value: the file not UTF-8 text");
        assertThat(files.get(1).documents()).singleElement().isInstanceOf(ManifestResult.CertificateManifest.class);
    }

    @Test
    void anEmptyDirectoryHasNoFilesAndAMissingOneIsAnIoError() throws IOException {
        assertThat(ManifestDirectory.read(dir, "default")).isEmpty();
        assertThatThrownBy(() -> ManifestDirectory.read(dir.resolve("missing"), "default")).isInstanceOf(IOException.class);
    }
}
