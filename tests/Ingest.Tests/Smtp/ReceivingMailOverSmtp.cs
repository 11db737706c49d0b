namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>The listener as configured by default: sessions on an epoll loop of their own.</summary>
public sealed class ReceivingMailOverSmtp(RunningIngest ingest) : SmtpReceivingSpecification<RunningIngest>(ingest);
