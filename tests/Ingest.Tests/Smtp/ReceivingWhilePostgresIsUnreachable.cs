using Backscatter.Testing;

namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>The host's database connection points where nothing listens.</summary>
public sealed class IngestWithoutPostgres : RunningIngest
{
    private readonly int _deadPort = LocalServices.UnusedLoopbackPort();

    protected override string HostConnectionString =>
        $"Host=127.0.0.1;Port={_deadPort};Database=x;Username=x;Password=x;Timeout=2";
}

public sealed class ReceivingWhilePostgresIsUnreachable(IngestWithoutPostgres ingest) : IClassFixture<IngestWithoutPostgres>
{
    [Fact]
    public async Task Answers_451_so_that_the_sender_keeps_the_message_and_retries()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        await smtp.SendAsync("MAIL FROM:<>");

        var reply = await smtp.SendAsync($"RCPT TO:<{RunningIngest.TenantAddress}>");

        Assert.StartsWith("451 4.3.0 ", reply[^1], StringComparison.Ordinal);
    }
}
