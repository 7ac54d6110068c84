package dev.stamp.cli;

import dev.stamp.core.vault.KeyEncryptionKey;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code stamp vault}: the software key vault of a data directory. */
@Command(name = "vault", description = "Manage the software key vault that protects CA keys.", subcommands = {VaultCommand.Rekey.class})
final class VaultCommand {

    @Command(name = "rekey", description = {
            "Change the key-encryption key: re-wrap every CA key and re-seal every stored secret under a new passphrase",
            "or key file, in one transaction. The current one is read as usual (--passphrase-file, $STAMP_PASSPHRASE, or",
            "the data directory's key file). Stop every server using the vault first, and start them with the new one."})
    static final class Rekey implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin GlobalOptions global;
        @ArgGroup(exclusive = true, multiplicity = "1") Target target;

        static final class Target {
            @Option(names = "--new-passphrase-file", paramLabel = "FILE", description = "File holding the new passphrase.")
            Path passphraseFile;

            @Option(names = "--new-key-file", paramLabel = "FILE",
                    description = "File of 32 random bytes, readable by its owner only (created, mode 0600, when missing).")
            Path keyFile;
        }

        @Override
        public Integer call() {
            if (RemoteOptions.of(global) != null) throw new UserError("the key vault is re-keyed on the data directory: run without --server");
            if (!StampHome.initialised(global)) throw new UserError("data directory " + global.dataDir() + " is not initialised (stamp init)");
            KeyEncryptionKey next = target.passphraseFile != null
                    ? KeyEncryptionKey.passphraseFile(target.passphraseFile)
                    : KeyEncryptionKey.keyFile(target.keyFile);
            var done = StampHome.rekeyVault(global, next);
            spec.commandLine().getOut().println("re-wrapped " + done.keys() + " keys and re-sealed " + done.secrets()
                    + " secrets; the vault now opens with " + (target.passphraseFile != null
                    ? "the passphrase in " + target.passphraseFile : "the key file " + target.keyFile));
            return 0;
        }
    }
}
