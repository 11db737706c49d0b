using System.Diagnostics.Metrics;
using System.Text;

using Backscatter.Ingest.Smtp;
using Backscatter.Ingest.Storage;
using Backscatter.ServiceDefaults;
using Backscatter.Testing;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>Real SMTP sessions with the running Ingest host; its metrics read from the host's own meter factory.</summary>
public sealed class Measuring_what_the_listener_accepts_and_refuses(RunningIngest ingest) : IClassFixture<RunningIngest>
{
    private IMeterFactory Meters => ingest.Services.GetRequiredService<IMeterFactory>();

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(Meters, TelemetryExtensions.SourceName, instrument);

    private async Task<string> SendAsync(SmtpConversation smtp, byte[] message)
    {
        await smtp.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<{RunningIngest.TenantAddress}>", "DATA");
        return await smtp.SendDataAsync(message);
    }

    private static byte[] Bounce(string marker) => Encoding.ASCII.GetBytes($"From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered {marker}\r\n\r\nNo such user.\r\n");

    [Fact]
    public async Task Counts_an_accepted_message_once_with_its_commit_and_its_wait_for_the_250()
    {
        using var sessions = Collect<long>(SmtpMetrics.SessionsName);
        using var messages = Collect<long>(SmtpMetrics.MessagesName);
        using var acceptance = Collect<double>(SmtpMetrics.AcceptanceDurationName);
        using var commits = Collect<double>(InboxMetrics.CommitDurationName);
        using var batches = Collect<int>(InboxMetrics.BatchSizeName);
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");

        var reply = await SendAsync(smtp, Bounce(Guid.NewGuid().ToString()));

        Assert.StartsWith("250 ", reply, StringComparison.Ordinal);
        Assert.Equal(1, sessions.Sum());
        Assert.Equal(1, messages.Sum());
        var waited = Assert.Single(acceptance.GetMeasurementSnapshot()).Value;
        var committed = Assert.Single(await commits.ValuesWhenAsync(1));
        Assert.Equal(1, Assert.Single(await batches.ValuesWhenAsync(1)));
        // The commit is part of the wait for the 250.
        Assert.InRange(committed, 0, waited);
    }

    [Fact]
    public async Task Counts_an_unknown_recipient_as_a_550_refusal()
    {
        using var refusals = Collect<long>(SmtpMetrics.RefusalsName);
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        await smtp.SendAsync("MAIL FROM:<>");

        var reply = await smtp.SendAsync("RCPT TO:<nobody@in.backscatter.test>");

        Assert.StartsWith("550 5.1.1 ", reply[^1], StringComparison.Ordinal);
        Assert.Equal(1, refusals.Sum((SmtpMetrics.ReplyCodeTag, 550), (SmtpMetrics.ReasonTag, "unknown_recipient")));
        Assert.Equal(1, refusals.Sum());
    }

    [Fact]
    public async Task Counts_a_message_over_the_size_limit_as_a_552_refusal_and_not_as_accepted()
    {
        using var refusals = Collect<long>(SmtpMetrics.RefusalsName);
        using var messages = Collect<long>(SmtpMetrics.MessagesName);
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");

        var reply = await SendAsync(smtp, Encoding.ASCII.GetBytes("Subject: huge\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('x', 998) + "\r\n", 1100))));

        Assert.StartsWith("552 ", reply, StringComparison.Ordinal);
        Assert.Equal(1, refusals.Sum((SmtpMetrics.ReplyCodeTag, 552), (SmtpMetrics.ReasonTag, "message_too_big")));
        Assert.Equal(0, messages.Sum());
    }

    [Fact]
    public async Task Counts_a_second_copy_of_a_message_as_a_duplicate()
    {
        using var messages = Collect<long>(SmtpMetrics.MessagesName);
        using var duplicates = Collect<long>(InboxMetrics.DuplicatesName);
        var message = Bounce(Guid.NewGuid().ToString());
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");

        var first = await SendAsync(smtp, message);
        var second = await SendAsync(smtp, message);

        Assert.Equal(first, second);
        Assert.Equal(2, messages.Sum());
        Assert.Equal(1, await duplicates.SumWhenAsync(1));
    }
}
