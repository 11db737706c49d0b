namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>
/// Sessions beyond <c>Smtp:SessionThreads</c> are served asynchronously: the same conversation,
/// and a busy session thread never holds a new client back.
/// </summary>
public sealed class ServingMoreSessionsThanThreads(IngestWithOneSessionThread ingest) : IClassFixture<IngestWithOneSessionThread>
{
    [Fact]
    public async Task Should_store_the_messages_of_two_sessions_open_at_once()
    {
        await using var first = await SmtpConversation.OpenAsync(ingest.Smtp);
        await first.SendAsync("EHLO first.example.net");
        await using var second = await SmtpConversation.OpenAsync(ingest.Smtp);
        await second.SendAsync("EHLO second.example.net");

        var secondReplies = await second.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<{RunningIngest.TenantAddress}>", "DATA");
        var secondStored = await second.SendDataAsync(SmtpConversation.Ascii("Subject: second\r\n\r\nbody\r\n"));
        var firstReplies = await first.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<{RunningIngest.TenantAddress}>", "DATA");
        var firstStored = await first.SendDataAsync(SmtpConversation.Ascii("Subject: first\r\n\r\nbody\r\n"));

        Assert.StartsWith("220 ", first.Greeting, StringComparison.Ordinal);
        Assert.StartsWith("220 ", second.Greeting, StringComparison.Ordinal);
        Assert.StartsWith("354 ", secondReplies[^1], StringComparison.Ordinal);
        Assert.StartsWith("354 ", firstReplies[^1], StringComparison.Ordinal);
        Assert.StartsWith("250 2.0.0 OK: queued as ", secondStored, StringComparison.Ordinal);
        Assert.StartsWith("250 2.0.0 OK: queued as ", firstStored, StringComparison.Ordinal);
    }
}
