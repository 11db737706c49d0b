namespace Backscatter.Ingest.Tests.Smtp;

public sealed class LimitingMessagesPerClient(IngestLimitingMessages ingest) : IClassFixture<IngestLimitingMessages>
{
    [Fact]
    public async Task Answers_421_and_closes_the_session_when_the_client_has_used_its_budget()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        for (var i = 0; i < IngestLimitingMessages.PerMinute; i++)
        {
            var replies = await smtp.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<{RunningIngest.TenantAddress}>", "DATA");
            Assert.StartsWith("354 ", replies[^1], StringComparison.Ordinal);
            Assert.StartsWith("250 ", await smtp.SendDataAsync(SmtpConversation.Ascii($"Subject: message {i}\r\n\r\nbody\r\n")), StringComparison.Ordinal);
        }

        var over = await smtp.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<{RunningIngest.TenantAddress}>", "DATA");

        Assert.StartsWith("421 4.7.0 ", over[^1], StringComparison.Ordinal);
        Assert.True(await smtp.ClosedByServerAsync());
    }
}
