namespace Backscatter.Ingest.Tests.Smtp;

public sealed class LoggingSessions(IngestRecordingLogs ingest) : IClassFixture<IngestRecordingLogs>
{
    [Fact]
    public async Task Writes_one_line_per_session_at_its_end_with_what_it_did_and_how_it_ended()
    {
        var helo = $"mx-{Guid.NewGuid():N}.example.net";
        await using (var smtp = await SmtpConversation.OpenAsync(ingest.Smtp))
        {
            await smtp.SendAsync($"EHLO {helo}");
            await smtp.SendAsync("MAIL FROM:<>");
            Assert.StartsWith("550 ", (await smtp.SendAsync("RCPT TO:<nobody@in.backscatter.test>"))[^1], StringComparison.Ordinal);
            await smtp.SendAsync($"RCPT TO:<{RunningIngest.TenantAddress}>");
            await smtp.SendAsync("DATA");
            Assert.StartsWith("250 ", await smtp.SendDataAsync(SmtpConversation.Ascii("Subject: logged\r\n\r\nbody\r\n")), StringComparison.Ordinal);
            await smtp.QuitAsync();
        }

        // The line is written once the session has closed, just after the client saw 221.
        var lines = await LinesAboutAsync(helo);

        var line = Assert.Single(lines);
        Assert.Contains("Backscatter.Ingest.Smtp.SmtpListener", line, StringComparison.Ordinal);
        Assert.Contains("1 messages stored, 1 recipients refused", line, StringComparison.Ordinal);
        Assert.Contains("ended by quit", line, StringComparison.Ordinal);
    }

    private async Task<List<string>> LinesAboutAsync(string helo)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var lines = ingest.Logs.Lines.Where(l => l.Contains(helo, StringComparison.Ordinal)).ToList();
            if (lines.Count > 0)
            {
                // Anything else about the session would have been written before its last line.
                return lines;
            }

            await Task.Delay(50);
        }

        return [];
    }
}
