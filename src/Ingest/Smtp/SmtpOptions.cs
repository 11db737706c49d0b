using System.ComponentModel.DataAnnotations;

namespace Backscatter.Ingest.Smtp;

/// <summary>The SMTP ingest listener (configuration section <c>Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    /// <summary>Address to listen on; <c>0.0.0.0</c> or <c>::</c> for all.</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 2525;

    /// <summary>The name this server gives in its greeting and Received headers.</summary>
    [Required]
    public string HostName { get; set; } = "in.backscatter.test";

    /// <summary>Largest message accepted, enforced while DATA streams (552), and announced in EHLO SIZE.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxMessageSize { get; set; } = 25L * 1024 * 1024;

    [Range(1, 10_000)]
    public int MaxRecipients { get; set; } = 100;

    [Range(1, 100_000)]
    public int MaxConnections { get; set; } = 2_000;

    [Range(1, 100_000)]
    public int MaxConnectionsPerClient { get; set; } = 200;

    /// <summary>Messages one client address may send per minute before it gets 421; a tenant's MX under attack forwards thousands a second.</summary>
    [Range(1, int.MaxValue)]
    public int MaxMessagesPerMinutePerClient { get; set; } = 600_000;

    /// <summary>RFC 5321 4.5.3.2: at least five minutes for commands, ten for the data block.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan DataTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Threads that run the SMTP sessions, each on an epoll loop of its own (Linux on x86-64; docs/adr/0021).
    /// 0: the runtime's asynchronous sockets on the thread pool, which is also what other platforms get.
    /// </summary>
    [Range(0, 64)]
    public int SessionLoops { get; set; } = 1;

    /// <summary>PFX file for STARTTLS; without it STARTTLS is not offered.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
