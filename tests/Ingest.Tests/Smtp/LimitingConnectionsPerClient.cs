namespace Backscatter.Ingest.Tests.Smtp;

public sealed class LimitingConnectionsPerClient(IngestLimitingConnections ingest) : IClassFixture<IngestLimitingConnections>
{
    [Fact]
    public async Task Answers_421_and_closes_a_connection_over_the_limit_and_takes_the_client_again_once_one_ends()
    {
        var open = new List<SmtpConversation>();
        for (var i = 0; i < IngestLimitingConnections.PerClient; i++)
        {
            open.Add(await SmtpConversation.OpenAsync(ingest.Smtp));
        }

        await using (var refused = await SmtpConversation.OpenAsync(ingest.Smtp))
        {
            Assert.StartsWith("421 4.7.0 ", refused.Greeting, StringComparison.Ordinal);
            Assert.True(await refused.ClosedByServerAsync());
        }

        Assert.All(open, c => Assert.StartsWith("220 ", c.Greeting, StringComparison.Ordinal));
        await open[0].QuitAsync();
        await using var again = await SmtpConversation.OpenAsync(ingest.Smtp);
        Assert.StartsWith("220 ", again.Greeting, StringComparison.Ordinal);
        await again.QuitAsync();
        foreach (var conversation in open)
        {
            await conversation.DisposeAsync();
        }
    }
}
