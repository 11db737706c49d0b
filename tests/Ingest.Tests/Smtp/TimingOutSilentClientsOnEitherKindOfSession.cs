namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>A silent client gets 421 whether its session has a thread of its own or is served asynchronously.</summary>
public sealed class TimingOutSilentClientsOnEitherKindOfSession(IngestWithOneSessionThreadAndShortTimeouts ingest) : IClassFixture<IngestWithOneSessionThreadAndShortTimeouts>
{
    [Fact]
    public async Task Should_answer_421_to_a_silent_client_on_a_thread_and_to_one_served_asynchronously()
    {
        await using var first = await SmtpConversation.OpenAsync(ingest.Smtp);
        await first.SendAsync("EHLO first.example.net");
        await using var second = await SmtpConversation.OpenAsync(ingest.Smtp);
        await second.SendAsync("EHLO second.example.net");

        var firstReply = await first.ReadReplyAsync();
        var secondReply = await second.ReadReplyAsync();

        Assert.StartsWith("421 4.4.2 ", firstReply[^1], StringComparison.Ordinal);
        Assert.StartsWith("421 4.4.2 ", secondReply[^1], StringComparison.Ordinal);
        Assert.True(await first.ClosedByServerAsync());
        Assert.True(await second.ClosedByServerAsync());
    }
}
