using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Backscatter.Ingest.Smtp;

/// <summary>
/// What every session of one listener shares: its services, and the replies that never change,
/// encoded once instead of once per connection.
/// </summary>
internal sealed class SmtpSessionContext
{
    public SmtpSessionContext(
        SmtpOptions options,
        IIngestAddressBook addresses,
        IReportInbox inbox,
        SmtpClientLimits limits,
        SmtpMetrics metrics,
        X509Certificate2? certificate,
        TimeProvider clock,
        ILogger logger,
        CancellationToken stopping)
    {
        Options = options;
        Addresses = addresses;
        Inbox = inbox;
        Limits = limits;
        Metrics = metrics;
        Certificate = certificate;
        Clock = clock;
        Logger = logger;
        Stopping = stopping;
        CommandTimeoutMs = (long)options.CommandTimeout.TotalMilliseconds;
        DataTimeoutMs = (long)options.DataTimeout.TotalMilliseconds;
        Greeting = Encoding.ASCII.GetBytes($"220 {options.HostName} ESMTP Backscatter.Cloud ingest ready\r\n");
        HelloReply = Encoding.ASCII.GetBytes($"250 {options.HostName}\r\n");
        ExtensionsReply = Encoding.ASCII.GetBytes(
            $"250-PIPELINING\r\n250-SIZE {options.MaxMessageSize}\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n"
            + (certificate is null ? "" : "250-STARTTLS\r\n"));
        ExtensionsReplyAfterTls = Encoding.ASCII.GetBytes(
            $"250-PIPELINING\r\n250-SIZE {options.MaxMessageSize}\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n");
    }

    public SmtpOptions Options { get; }

    public IIngestAddressBook Addresses { get; }

    public IReportInbox Inbox { get; }

    public SmtpClientLimits Limits { get; }

    public SmtpMetrics Metrics { get; }

    public X509Certificate2? Certificate { get; }

    public TimeProvider Clock { get; }

    public ILogger Logger { get; }

    public CancellationToken Stopping { get; }

    public long CommandTimeoutMs { get; }

    public long DataTimeoutMs { get; }

    public byte[] Greeting { get; }

    public byte[] HelloReply { get; }

    /// <summary>The EHLO lines between the greeting line and the last line (ENHANCEDSTATUSCODES).</summary>
    public byte[] ExtensionsReply { get; }

    public byte[] ExtensionsReplyAfterTls { get; }
}
