using Backscatter.Ingest.Smtp;

using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Ingest.Tests.Smtp;

public sealed class StoppingTheHost
{
    [Fact]
    public async Task Answers_421_to_a_session_waiting_for_its_next_command_and_closes_it()
    {
        var ingest = new RunningIngest();
        await ingest.InitializeAsync();
        try
        {
            await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
            await smtp.SendAsync("EHLO mx.example.net");

            // What the host does to each of its services when it stops.
            var stopping = ingest.Services.GetRequiredService<SmtpListener>().StopAsync(CancellationToken.None);
            var reply = await smtp.ReadReplyAsync();

            Assert.StartsWith("421 4.3.2 ", reply[^1], StringComparison.Ordinal);
            Assert.True(await smtp.ClosedByServerAsync());
            await stopping;
        }
        finally
        {
            await ingest.DisposeAsync();
        }
    }
}
