package io.firebreak.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python and shell snippets of {@code docs/security.md}, run as a receiver would run them, against
 * a signature made here. Skipped where {@code python3} or {@code openssl} is not installed.
 */
class WebhookSnippetsTest {

    private static final Path DOC = Path.of("..", "docs", "security.md");
    private static final String WHSEC = "whsec_RVhBTVBMRS1PTkxZLWtha2FvLWRvLW5vdC11c2U=";
    private static final String ID = "msg_drn_e6c3_kakao-traffic";
    private static final String BODY = "{\"type\":\"drain.requested\",\"id\":\"drn_e6c3\",\"reason\":\"VOC 40 ppm, 9.5 °C\"}";

    @TempDir
    Path dir;

    @Test
    void shouldAcceptASignedBodyAndRefuseAnAlteredOneWhenThePythonSnippetChecksThem() throws Exception {
        assumeTrue(available("python3", "--version"), "python3 is not installed");
        Path script = dir.resolve("verify.py");
        Files.writeString(script, block("```python"));
        String ts = Long.toString(Instant.now().getEpochSecond());
        String sig = "v1,bm90LXRoaXMtb25l " + sign(ts, BODY);

        assertThat(run(List.of("python3", script.toString(), WHSEC, ID, ts, sig), BODY, Map.of())).isEqualTo("0 accepted");
        assertThat(run(List.of("python3", script.toString(), WHSEC, ID, ts, sig), BODY + " ", Map.of()))
                .isEqualTo("1 refused: no signature matches");
        assertThat(run(List.of("python3", script.toString(), WHSEC, ID, "1614265330", sign("1614265330", BODY)), BODY, Map.of()))
                .isEqualTo("1 refused: timestamp out of tolerance");
    }

    @Test
    void shouldAcceptASignedBodyAndRefuseAnAlteredOneWhenTheShellSnippetChecksThem() throws Exception {
        assumeTrue(available("openssl", "version") && available("bash", "--version"), "openssl or bash is not installed");
        String script = block("```sh");
        String ts = Long.toString(Instant.now().getEpochSecond());
        Map<String, String> env = Map.of("WHSEC", WHSEC, "ID", ID, "TS", ts, "SIG", "v1,bm90LXRoaXMtb25l " + sign(ts, BODY));

        Files.writeString(dir.resolve("body.json"), BODY);
        assertThat(run(List.of("bash", "-c", script), "", env)).isEqualTo("0 accepted");
        Files.writeString(dir.resolve("body.json"), BODY + " ");
        assertThat(run(List.of("bash", "-c", script), "", env)).isEqualTo("1 refused: signature");
    }

    /** The first fenced block opened by {@code fence} after the receivers' heading. */
    private static String block(String fence) throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int start = lines.indexOf("## Receivers: checking a drain webhook");
        List<String> code = new ArrayList<>();
        boolean in = false;
        for (String line : lines.subList(start, lines.size())) {
            if (in && line.equals("```")) {
                return String.join("\n", code) + "\n";
            }
            if (in) {
                code.add(line);
            }
            in |= line.equals(fence);
        }
        throw new IllegalStateException(DOC + ": no " + fence + " block after the receivers' heading");
    }

    private String run(List<String> command, String stdin, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() + " " + out;
    }

    private static boolean available(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String sign(String ts, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(WHSEC.substring(6)), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((ID + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
