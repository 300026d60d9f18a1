package org.kybern.tests.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Images the system tests make themselves, from {@code kybern/busybox:1} and this machine's own
 * programs (no registry is reachable). Each is built once and kept: building again is a no-op.
 */
final class TestImages {

    /**
     * kybern/busybox:1 plus this machine's dynamically linked {@code curl} and the libraries it
     * loads. busybox-static's own {@code wget} cannot resolve names (glibc's resolver in a static
     * binary crashes); {@code curl} resolves through glibc as any application in a pod does,
     * honouring the pod's {@code search} and {@code ndots}.
     */
    static final String CURL = "kybern/curl:1";

    private TestImages() {
    }

    /** Builds {@link #CURL} unless it exists. */
    static String curl() throws Exception {
        if (exists(CURL)) {
            return CURL;
        }
        Path context = Files.createTempDirectory("kybern-curl-image");
        try {
            // curl, every library ldd names (copied under their own paths) and glibc's host lookup order.
            String script = """
                    set -e
                    mkdir "$1/root" && cd "$1/root"
                    for f in /usr/bin/curl $(ldd /usr/bin/curl | grep -o '/[^ ]*'); do
                      cp --parents -L "$f" .
                    done
                    mkdir -p etc && echo 'hosts: files dns' > etc/nsswitch.conf
                    cd ..
                    printf 'FROM kybern/busybox:1\\nCOPY root/ /\\nENV PATH=/usr/bin:/bin\\n' > Dockerfile
                    docker build -q -t "$2" . >/dev/null
                    """;
            Process p = new ProcessBuilder("bash", "-c", script, "build", context.toString(), CURL)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("building " + CURL + " failed (needs curl and docker):\n" + out);
            }
        } finally {
            new ProcessBuilder("rm", "-rf", context.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
        return CURL;
    }

    private static boolean exists(String image) throws Exception {
        Process p = new ProcessBuilder("docker", "image", "inspect", image).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
