using System.Text;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Tests.Smtp;

public sealed class Counting_copies_within_the_duplicate_window(IngestWithAShortDuplicateWindow ingest)
    : IClassFixture<IngestWithAShortDuplicateWindow>
{
    [Fact]
    public async Task A_copy_after_the_window_is_stored_as_a_report_of_its_own()
    {
        var message = Encoding.ASCII.GetBytes(
            $"From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered Mail {Guid.NewGuid()}\r\n\r\nThis is the mail system.\r\n");

        var first = await SendAsync(message);
        var within = await SendAsync(message);
        await Task.Delay(IngestWithAShortDuplicateWindow.Window + TimeSpan.FromMilliseconds(500));
        var after = await SendAsync(message);

        Assert.Equal(first, within);
        Assert.NotEqual(first, after);
        await using var db = ingest.Database.CreateContext();
        Assert.Equal(1, (await db.Reports.AsNoTracking().SingleAsync(r => r.Id == first)).DuplicateCount);
        Assert.Equal(0, (await db.Reports.AsNoTracking().SingleAsync(r => r.Id == after)).DuplicateCount);
    }

    private async Task<Guid> SendAsync(byte[] message)
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        await smtp.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<{RunningIngest.TenantAddress}>", "DATA");
        var reply = await smtp.SendDataAsync(message);
        Assert.StartsWith("250 ", reply, StringComparison.Ordinal);
        return Guid.ParseExact(reply[^32..], "N");
    }
}
