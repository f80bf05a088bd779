package org.sluice.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed logins counted per client address and per (client address, user name): after {@code perAddress} failures
 * from one address, or {@code perAddressAndUser} failures for one user from one address, further attempts from
 * that address (for that user) are refused until {@code block} has passed since the last failure. A refused
 * attempt never reaches the password check, so it neither counts nor lets the security realm lock the account:
 * whoever only knows an admin's name can slow down their own address, not keep the admin out.
 * <p>
 * An IPv6 client is counted by its /64 network, since one host usually holds a whole /64. A success resets the
 * count of that (address, user), not the address's own: a valid account does not license guessing others.
 */
public final class LoginThrottle {

    /** How many failures are tolerated, and for how long a block lasts after the last one. */
    public record Limits(int perAddress, int perAddressAndUser, Duration block) {
        public Limits {
            if (perAddress < 1 || perAddressAndUser < 1 || block.isNegative() || block.isZero()) {
                throw new IllegalArgumentException("login throttle limits must be positive: " + perAddress
                        + " per address, " + perAddressAndUser + " per address and user, block " + block);
            }
        }
    }

    /** Failures since the count last started, and when the latest was. */
    private record Failures(int count, Instant last) {}

    /** Failures between two sweeps of expired counts (memory stays bounded by the attack's rate over a block). */
    private static final int SWEEP_EVERY = 1024;

    private final Limits limits;
    private final Clock clock;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddressAndUser = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();

    public LoginThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public Limits limits() {
        return limits;
    }

    /** Empty if a login of {@code user} from {@code address} may be checked now; otherwise how long until it may. */
    public Optional<Duration> refusal(String address, String user) {
        String client = client(address);
        Instant now = clock.instant();
        Optional<Duration> byClient = blockedFor(byAddress.get(client), limits.perAddress(), now);
        Optional<Duration> byPair =
                blockedFor(byAddressAndUser.get(pair(client, user)), limits.perAddressAndUser(), now);
        if (byClient.isPresent() && byPair.isPresent()) {
            return byClient.get().compareTo(byPair.get()) >= 0 ? byClient : byPair;
        }
        return byClient.isPresent() ? byClient : byPair;
    }

    public void failed(String address, String user) {
        String client = client(address);
        Instant now = clock.instant();
        byAddress.compute(client, (k, f) -> next(f, now));
        byAddressAndUser.compute(pair(client, user), (k, f) -> next(f, now));
        if (sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            sinceSweep.set(0);
            byAddress.values().removeIf(f -> expired(f, now));
            byAddressAndUser.values().removeIf(f -> expired(f, now));
        }
    }

    public void succeeded(String address, String user) {
        byAddressAndUser.remove(pair(client(address), user));
    }

    private Failures next(Failures previous, Instant now) {
        return previous == null || expired(previous, now)
                ? new Failures(1, now)
                : new Failures(previous.count() + 1, now);
    }

    private boolean expired(Failures failures, Instant now) {
        return !now.isBefore(failures.last().plus(limits.block()));
    }

    private Optional<Duration> blockedFor(Failures failures, int limit, Instant now) {
        if (failures == null || failures.count() < limit || expired(failures, now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, failures.last().plus(limits.block())));
    }

    private static String pair(String client, String user) {
        return client + ' ' + (user == null ? "" : user);
    }

    /** The address as counted: an IPv4 address itself, an IPv6 address's /64 network. */
    static String client(String address) {
        if (address == null || address.isBlank()) {
            return "";
        }
        try {
            // a literal from the connection (ServletRequest.getRemoteAddr): parsed, never looked up in DNS
            InetAddress parsed = InetAddress.getByName(address.strip());
            if (parsed instanceof Inet6Address) {
                byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
                Arrays.fill(network, 8, 16, (byte) 0);
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return address.strip();
        }
    }
}
