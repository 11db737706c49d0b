using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Tests.Smtp;

public sealed class TimingOutSilentClients(IngestWithShortTimeouts ingest) : IClassFixture<IngestWithShortTimeouts>
{
    [Fact]
    public async Task Answers_421_and_closes_when_the_client_sends_no_command()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");

        var reply = await smtp.ReadReplyAsync();

        Assert.StartsWith("421 4.4.2 ", reply[^1], StringComparison.Ordinal);
        Assert.True(await smtp.ClosedByServerAsync());
    }

    [Fact]
    public async Task Answers_421_closes_and_stores_nothing_when_the_client_stops_in_the_middle_of_data()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        var replies = await smtp.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<{RunningIngest.TenantAddress}>", "DATA");
        Assert.StartsWith("354 ", replies[^1], StringComparison.Ordinal);
        await smtp.WriteAsync("Subject: half a message\r\n\r\nand then silence");

        var reply = await smtp.ReadReplyAsync();

        Assert.StartsWith("421 4.4.2 ", reply[^1], StringComparison.Ordinal);
        Assert.True(await smtp.ClosedByServerAsync());
        await using var db = ingest.Database.CreateContext();
        Assert.False(await db.Reports.AnyAsync());
    }
}
