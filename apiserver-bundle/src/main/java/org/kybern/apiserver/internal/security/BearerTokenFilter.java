package org.kybern.apiserver.internal.security;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer-token authentication in front of everything the API server serves, as Kubernetes'
 * static token file authenticator: {@code Authorization: Bearer <token>} must name a token of
 * {@code ${karaf.data}/kybern/tokens.csv}, else 401 with Kubernetes' {@code Unauthorized} Status.
 * Only {@code /healthz}, {@code /livez}, {@code /readyz} and {@code /version} are open to anyone
 * (what Kubernetes' {@code system:public-info-viewer} role allows), so an endpoint added later is
 * protected without anyone remembering to.
 *
 * <p>The file is made at first start with a random token per Kybern user and reused afterwards;
 * lines a user adds are picked up when the file changes: its modification time is looked at once a
 * second at most ({@value #RECHECK_MILLIS} ms), not on every request, where a {@code stat} per
 * request was 1 % of the cluster's CPU under {@code bench/run scheduler}. No authorization yet: any
 * known user may do anything.
 */
@Component(service = {Filter.class, BearerTokenFilter.class})
@HttpWhiteboardFilterName("kybern-authentication")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterAsyncSupported
public class BearerTokenFilter implements Filter {

    /** Request attribute holding the authenticated {@link TokenFile.User}. */
    public static final String USER_ATTRIBUTE = "org.kybern.apiserver.user";
    static final Set<String> PUBLIC_PATHS = Set.of("/healthz", "/livez", "/readyz", "/version");
    /** How long a token file's state is trusted before its modification time is looked at again. */
    static final long RECHECK_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);

    private final Path file;
    private final byte[] unauthorized;
    private volatile TokenFile tokens;
    private volatile FileTime loadedVersion;
    private final LongSupplier nanoTime;
    /** When ({@link #nanoTime}) the file's modification time is next looked at. */
    private volatile long nextCheck;

    @Activate
    public BearerTokenFilter(BundleContext context) throws IOException {
        this(KybernFiles.tokenFile(context), System::nanoTime);
    }

    /** The filter of token file {@code file} (made if missing), on the clock {@code nanoTime}. */
    BearerTokenFilter(Path file, LongSupplier nanoTime) throws IOException {
        this.file = file;
        this.nanoTime = nanoTime;
        if (PrivateFiles.createSecret(file, TokenFile.generate(KybernFiles.nodeName()).getBytes(StandardCharsets.UTF_8))) {
            LOG.info("Made the token file {} with a token for each Kybern user", file);
        }
        reload();
        nextCheck = nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS);
        LOG.info("Bearer-token authentication with {} tokens from {}", tokens.size(), file);
        Status status = new StatusBuilder().withStatus("Failure").withMessage("Unauthorized").withReason("Unauthorized")
                .withCode(401).withNewMetadata().endMetadata().build();
        this.unauthorized = JsonMapper.builder().build().writeValueAsBytes(status);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (PUBLIC_PATHS.contains(path)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<TokenFile.User> user = bearerToken(req.getHeader("Authorization")).flatMap(this::authenticate);
        if (user.isEmpty()) {
            HttpServletResponse resp = (HttpServletResponse) response;
            resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            resp.setContentType("application/json");
            resp.setHeader("Cache-Control", "no-cache, private");
            resp.getOutputStream().write(unauthorized);
            return;
        }
        request.setAttribute(USER_ATTRIBUTE, user.get());
        chain.doFilter(request, response);
    }

    /**
     * The token file's token for {@code user} (the last line naming it), read now: the API server
     * shows a kubelet its own node token when it asks it for logs, a secret only the two share.
     */
    public Optional<String> tokenOf(String user) {
        try {
            return TokenFile.rawTokenOf(Files.readString(file, StandardCharsets.UTF_8), user);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("No token for {}: {} cannot be read: {}", user, file, e.getMessage());
            return Optional.empty();
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive, as Kubernetes). */
    static Optional<String> bearerToken(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("bearer") || parts[1].isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parts[1].trim());
    }

    /** Whether {@code token} is one of the file's, and whose; the file as it was at most a second ago. */
    Optional<TokenFile.User> authenticate(String token) {
        return current().authenticate(token);
    }

    /** The tokens, re-read when the file changed since they were loaded (looked at once a second at most). */
    private TokenFile current() {
        long now = nanoTime.getAsLong();
        if (now - nextCheck >= 0) {
            try {
                if (!Files.getLastModifiedTime(file).equals(loadedVersion)) {
                    reload();
                }
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Keeping the tokens loaded before: {} cannot be read: {}", file, e.getMessage());
            }
            nextCheck = now + TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS);
        }
        return tokens;
    }

    private synchronized void reload() throws IOException {
        FileTime version = Files.getLastModifiedTime(file);
        if (version.equals(loadedVersion)) {
            return;
        }
        try {
            tokens = TokenFile.parse(Files.readString(file, StandardCharsets.UTF_8));
        } finally {
            // A broken file is reported once, not on every request, until it changes again.
            loadedVersion = tokens == null ? null : version;
        }
    }
}
