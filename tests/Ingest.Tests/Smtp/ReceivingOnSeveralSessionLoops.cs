using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Tests.Smtp;

public sealed class ReceivingOnSeveralSessionLoops(IngestOnTwoSessionLoops ingest) : IClassFixture<IngestOnTwoSessionLoops>
{
    [Fact]
    public async Task Serves_and_stores_concurrent_sessions_dealt_out_to_every_loop()
    {
        // Six connections open at once: the accepting loop keeps every other one and posts the rest to the second loop.
        var conversations = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SmtpConversation.OpenAsync(ingest.Smtp)));
        try
        {
            var replies = await Task.WhenAll(conversations.Select(async (smtp, i) =>
            {
                await smtp.SendAsync("EHLO mx.example.net");
                await smtp.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<{RunningIngest.TenantAddress}>", "DATA");
                return await smtp.SendDataAsync(SmtpConversation.Ascii($"Subject: loop {i}\r\n\r\nbody\r\n"));
            }));

            Assert.All(conversations, c => Assert.StartsWith("220 ", c.Greeting, StringComparison.Ordinal));
            Assert.All(replies, r => Assert.StartsWith("250 2.0.0 OK: queued as ", r, StringComparison.Ordinal));
            var ids = replies.Select(r => Guid.ParseExact(r[^32..], "N")).ToList();
            await using var db = ingest.Database.CreateContext();
            Assert.Equal(6, await db.Reports.CountAsync(r => ids.Contains(r.Id)));
        }
        finally
        {
            foreach (var smtp in conversations)
            {
                await smtp.DisposeAsync();
            }
        }
    }
}
