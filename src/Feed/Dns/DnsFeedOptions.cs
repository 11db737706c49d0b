namespace Backscatter.Feed.Dns;

/// <summary>The DNS feed: where it listens, the zone it is authoritative for, and what its answers say. Section "DnsFeed".</summary>
public sealed class DnsFeedOptions
{
    public const string SectionName = "DnsFeed";

    /// <summary>The DNSBL zone, queried as <c>d.c.b.a.&lt;zone&gt;</c>.</summary>
    public string Zone { get; set; } = "bl.backscatter.test";

    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>UDP and TCP port; 0 picks a free one (tests), read it back from <see cref="DnsServer.Port"/>.</summary>
    public int Port { get; set; } = 10053;

    public const string DefaultNameServer = "ns1.backscatter.test";

    /// <summary>
    /// The zone's name servers: NS records at the apex, the first one is the SOA MNAME; empty means
    /// <see cref="DefaultNameServer"/>. (Not pre-filled: the configuration binder appends to an array's defaults.)
    /// </summary>
    public string[] NameServers { get; set; } = [];

    internal string[] EffectiveNameServers => NameServers is { Length: > 0 } ? NameServers : [DefaultNameServer];

    /// <summary>The SOA RNAME: the operator's mailbox with its '@' written as a dot.</summary>
    public string Hostmaster { get; set; } = "hostmaster.backscatter.test";

    /// <summary>TTL of the A and TXT answers, in seconds; rbldnsd's default of 35 minutes.</summary>
    public int Ttl { get; set; } = 2100;

    /// <summary>TTL of the SOA and NS records at the apex, in seconds.</summary>
    public int ApexTtl { get; set; } = 3600;

    /// <summary>How long resolvers cache "not listed" (the SOA MINIMUM, RFC 2308), in seconds.</summary>
    public int NegativeTtl { get; set; } = 300;

    public int SoaRefresh { get; set; } = 3600;

    public int SoaRetry { get; set; } = 600;

    public int SoaExpire { get; set; } = 604800;

    /// <summary>The public lookup page named in TXT answers; <c>{ip}</c> is replaced by the listed address.</summary>
    public string LookupUrlTemplate { get; set; } = "http://127.0.0.1:5080/lookup/{ip}";

    /// <summary>
    /// Optional rbldnsd-format file (ip4set or ip6trie lines) loaded as the listing at start, until the
    /// listing comes from PostgreSQL and the bus.
    /// </summary>
    public string? ZoneFile { get; set; }

    /// <summary>Threads receiving UDP queries; 0 means one per processor.</summary>
    public int UdpReceiveLoops { get; set; }

    /// <summary>
    /// On Linux, give each UDP receive thread a socket of its own, all bound to the same port with
    /// <c>SO_REUSEPORT</c>: the kernel hands each client (address and port) to one socket, so the threads
    /// no longer wake on and take from one shared queue. False, and every other platform: all threads
    /// receive on one socket.
    /// </summary>
    public bool UdpSocketPerThread { get; set; }

    /// <summary>
    /// The scheduler time slice asked for the UDP receive threads on Linux 6.12 and later (normal policy and
    /// priority, <c>sched_setattr</c>): a thread with a shorter slice than the running one may preempt it
    /// when a query wakes it. Between 100 µs (the kernel's minimum) and 100 ms; zero keeps the kernel's default.
    /// </summary>
    public TimeSpan UdpReceiveSlice { get; set; } = TimeSpan.FromMicroseconds(100);

    /// <summary>
    /// On 64-bit Linux, receive up to 16 queued queries per wake-up with <c>recvmmsg</c> and send their answers
    /// with one <c>sendmmsg</c>; false receives and answers one query per system call.
    /// </summary>
    public bool UdpBatching { get; set; } = true;

    /// <summary>The largest UDP answer offered to EDNS(0) clients; 1232 avoids IP fragmentation (DNS flag day 2020).</summary>
    public int MaxUdpPayload { get; set; } = 1232;

    /// <summary>A TCP connection with no complete query for this long is closed.</summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxTcpConnections { get; set; } = 256;

    /// <summary>
    /// The secret an operator presents (<c>Authorization: Bearer ...</c>) to delist an address over HTTP;
    /// at least 32 characters. Without one, delisting over HTTP is off.
    /// </summary>
    public string? OperatorApiKey { get; set; }
}
