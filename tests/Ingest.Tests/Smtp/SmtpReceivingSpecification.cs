using System.Text;

using Backscatter.Domain.Reports;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>
/// What an SMTP client sees of the listener, whichever way it runs its sessions: the same
/// specifications for session loops (<see cref="ReceivingMailOverSmtp"/>) and for the runtime's
/// asynchronous sockets (<see cref="ReceivingMailOverRuntimeSockets"/>).
/// </summary>
public abstract class SmtpReceivingSpecification<TIngest>(TIngest ingest) : IClassFixture<TIngest>
    where TIngest : RunningIngest
{
    private static byte[] Bounce(string marker) => Encoding.ASCII.GetBytes(
        "From: MAILER-DAEMON@mx.example.net\r\nTo: ops@tenant.example\r\nSubject: Undelivered Mail " + marker
        + "\r\n\r\nThis is the mail system.\r\n.leading dot line\r\n");

    [Fact]
    public async Task Greets_and_announces_its_extensions()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);

        var ehlo = await smtp.SendAsync("EHLO mx.example.net");

        Assert.StartsWith("220 ", smtp.Greeting, StringComparison.Ordinal);
        Assert.Contains("250-PIPELINING", ehlo);
        Assert.Contains("250-SIZE 1048576", ehlo);
        Assert.Contains("250-8BITMIME", ehlo);
        Assert.Contains("250-SMTPUTF8", ehlo);
    }

    [Fact]
    public async Task Offers_no_STARTTLS_without_a_certificate()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);

        var ehlo = await smtp.SendAsync("EHLO mx.example.net");
        var starttls = await smtp.SendAsync("STARTTLS");

        Assert.DoesNotContain("250-STARTTLS", ehlo);
        Assert.StartsWith("454 ", starttls[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stores_every_message_a_pipelining_client_sends_in_one_session()
    {
        using var client = await MailKitSending.ConnectAsync(ingest.Smtp, MailKit.Security.SecureSocketOptions.None);
        var markers = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToList();

        var ids = new List<Guid>();
        foreach (var marker in markers)
        {
            ids.Add(await MailKitSending.SendAsync(client, MailKitSending.Bounce(marker)));
        }

        Assert.True(client.Capabilities.HasFlag(MailKit.Net.Smtp.SmtpCapabilities.Pipelining));
        await client.DisconnectAsync(quit: true);
        await using var db = ingest.Database.CreateContext();
        var stored = await db.Reports.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync();
        Assert.Equal(
            markers.Order(StringComparer.Ordinal),
            stored.Select(r => markers.Single(m => Encoding.UTF8.GetString(RawMessage.Decompress(r.RawMessageCompressed!)).Contains(m, StringComparison.Ordinal))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Answers_the_next_transaction_pipelined_behind_the_end_of_data()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        await smtp.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<{RunningIngest.TenantAddress}>", "DATA");

        // The data block, its end and the whole next transaction in one write.
        await smtp.WriteAsync($"Subject: first\r\n\r\nbody\r\n.\r\nMAIL FROM:<>\r\nRCPT TO:<{RunningIngest.TenantAddress}>\r\nDATA\r\n");
        var replies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            replies.Add((await smtp.ReadReplyAsync())[^1]);
        }

        var second = await smtp.SendDataAsync(SmtpConversation.Ascii("Subject: second\r\n\r\nbody\r\n"));

        Assert.Collection(
            replies,
            r => Assert.StartsWith("250 2.0.0 OK: queued as ", r, StringComparison.Ordinal),
            r => Assert.StartsWith("250 ", r, StringComparison.Ordinal),
            r => Assert.StartsWith("250 ", r, StringComparison.Ordinal),
            r => Assert.StartsWith("354 ", r, StringComparison.Ordinal));
        Assert.StartsWith("250 2.0.0 OK: queued as ", second, StringComparison.Ordinal);
        Assert.NotEqual(replies[0][^32..], second[^32..]);
    }

    [Fact]
    public async Task Refuses_an_unknown_recipient_at_rcpt()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        await smtp.SendAsync("MAIL FROM:<>");

        var reply = await smtp.SendAsync("RCPT TO:<nobody@in.backscatter.test>");

        Assert.StartsWith("550 5.1.1 ", reply[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepts_the_null_sender_and_stores_the_message_before_saying_250()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        Assert.StartsWith("250 ", (await smtp.SendAsync("MAIL FROM:<>"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("250 ", (await smtp.SendAsync($"RCPT TO:<{RunningIngest.TenantAddress}>"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("354 ", (await smtp.SendAsync("DATA"))[^1], StringComparison.Ordinal);
        var message = Bounce(Guid.NewGuid().ToString());

        var reply = await smtp.SendDataAsync(message);

        Assert.StartsWith("250 2.0.0 OK: queued as ", reply, StringComparison.Ordinal);
        var id = Guid.ParseExact(reply[^32..], "N");
        await using var db = ingest.Database.CreateContext();
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id);
        var expected = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(message).Replace("\r\n.leading", "\r\nleading", StringComparison.Ordinal) + "\r\n");
        Assert.Equal(expected, RawMessage.Decompress(report.RawMessageCompressed!));
        Assert.Equal("", report.MailFrom);
        Assert.Equal("mx.example.net", report.Helo);
        Assert.Equal([RunningIngest.TenantAddress], report.RcptTo);
        Assert.Equal(ingest.TenantId, report.TenantId);
        Assert.Equal(RawMessage.Sha256(expected), report.Sha256);
    }

    [Fact]
    public async Task Answers_a_pipelined_transaction_in_order()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");

        var replies = await smtp.PipelineAsync(
            "MAIL FROM:<> SIZE=300", $"RCPT TO:<{RunningIngest.TenantAddress}>", "RCPT TO:<unknown@in.backscatter.test>", "DATA");
        var stored = await smtp.SendDataAsync(Bounce("pipelined"));

        Assert.Collection(
            replies,
            r => Assert.StartsWith("250 ", r, StringComparison.Ordinal),
            r => Assert.StartsWith("250 ", r, StringComparison.Ordinal),
            r => Assert.StartsWith("550 ", r, StringComparison.Ordinal),
            r => Assert.StartsWith("354 ", r, StringComparison.Ordinal));
        Assert.StartsWith("250 ", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stores_a_message_larger_than_its_buffers_byte_for_byte_with_the_dots_unstuffed()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        await smtp.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<{RunningIngest.TenantAddress}>", "DATA");
        // 300 KB in lines of every length, a fifth of them dot-stuffed, bare LFs among them.
        var sent = new StringBuilder($"Subject: large {Guid.NewGuid()}\r\n\r\n");
        var expected = new StringBuilder(sent.ToString());
        var random = new Random(5);
        while (sent.Length < 300_000)
        {
            var text = new string((char)('a' + random.Next(26)), random.Next(0, 990));
            var end = random.Next(10) == 0 ? "\n" : "\r\n";
            // A line of the message that starts with a dot goes out with a second one (RFC 5321 4.5.2).
            var line = random.Next(5) == 0 ? "." + text : text;
            sent.Append(line.StartsWith('.') ? "." + line : line).Append(end);
            expected.Append(line).Append(end);
        }

        var reply = await smtp.SendDataAsync(Encoding.ASCII.GetBytes(sent.ToString()));

        Assert.StartsWith("250 2.0.0 OK: queued as ", reply, StringComparison.Ordinal);
        var id = Guid.ParseExact(reply[^32..], "N");
        await using var db = ingest.Database.CreateContext();
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id);
        var bytes = Encoding.ASCII.GetBytes(expected.Append("\r\n").ToString());
        Assert.Equal(bytes, RawMessage.Decompress(report.RawMessageCompressed!));
        Assert.Equal(bytes.Length, report.Size);
        Assert.Equal(RawMessage.Sha256(bytes), report.Sha256);
    }

    [Fact]
    public async Task Refuses_a_message_over_the_size_limit_during_data_without_storing_it()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        await smtp.SendAsync("MAIL FROM:<>");
        await smtp.SendAsync($"RCPT TO:<{RunningIngest.TenantAddress}>");
        await smtp.SendAsync("DATA");
        var marker = Guid.NewGuid().ToString();
        var huge = Encoding.ASCII.GetBytes($"Subject: {marker}\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('x', 998) + "\r\n", 1100)));

        var reply = await smtp.SendDataAsync(huge);

        Assert.StartsWith("552 5.3.4 ", reply, StringComparison.Ordinal);
        Assert.StartsWith("250 ", (await smtp.SendAsync("NOOP"))[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_declared_size_over_the_limit_at_mail_from_and_keeps_the_session()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");

        var over = await smtp.SendAsync("MAIL FROM:<> SIZE=1048577");
        var atLimit = await smtp.SendAsync("MAIL FROM:<> SIZE=1048576");

        Assert.StartsWith("552 5.3.4 ", over[^1], StringComparison.Ordinal);
        Assert.StartsWith("250 ", atLimit[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MAIL FROM:<>", "503 ")]
    [InlineData("RCPT TO:<a@b>", "503 ")]
    [InlineData("DATA", "503 ")]
    [InlineData("BDAT 10 LAST", "502 ")]
    [InlineData("HELLO", "500 ")]
    public async Task Answers_commands_out_of_order_with_an_error_and_keeps_the_session(string command, string expected)
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);

        var reply = await smtp.SendAsync(command);

        Assert.StartsWith(expected, reply[^1], StringComparison.Ordinal);
        Assert.StartsWith("250 ", (await smtp.SendAsync("NOOP"))[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stores_the_same_message_to_the_same_tenant_once_and_counts_the_repeats()
    {
        var message = Bounce("duplicate " + Guid.NewGuid());
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
            await smtp.SendAsync("EHLO mx.example.net");
            await smtp.SendAsync("MAIL FROM:<>");
            await smtp.SendAsync($"RCPT TO:<{RunningIngest.TenantAddress}>");
            await smtp.SendAsync("DATA");
            ids.Add((await smtp.SendDataAsync(message))[^32..]);
        }

        Assert.Single(ids.Distinct());
        await using var db = ingest.Database.CreateContext();
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == Guid.ParseExact(ids[0], "N"));
        Assert.Equal(2, report.DuplicateCount);
    }

    [Fact]
    public async Task Stores_copies_that_arrive_together_once_and_counts_every_repeat()
    {
        const int copies = 8;
        var message = Bounce("together " + Guid.NewGuid());
        // Sessions that reach DATA together end in the same batch of the store, or in neighbouring ones.
        var sessions = await Task.WhenAll(Enumerable.Range(0, copies).Select(async _ =>
        {
            var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
            await smtp.SendAsync("EHLO mx.example.net");
            await smtp.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<{RunningIngest.TenantAddress}>", "DATA");
            return smtp;
        }));
        var replies = await Task.WhenAll(sessions.Select(smtp => smtp.SendDataAsync(message)));
        foreach (var smtp in sessions)
        {
            await smtp.DisposeAsync();
        }

        Assert.All(replies, r => Assert.StartsWith("250 ", r, StringComparison.Ordinal));
        var id = Assert.Single(replies.Select(r => r[^32..]).Distinct());
        await using var db = ingest.Database.CreateContext();
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == Guid.ParseExact(id, "N"));
        Assert.Equal(copies - 1, report.DuplicateCount);
        Assert.Equal(1, await db.Reports.CountAsync(r => r.TenantId == report.TenantId && r.Sha256 == report.Sha256));
    }
}
