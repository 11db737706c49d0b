using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

using Backscatter.Domain.Listing;
using Backscatter.Testing;

using DnsClient;
using DnsClient.Protocol;

using Microsoft.EntityFrameworkCore;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.EndToEnd;

/// <summary>
/// Real bounces from one reflector, as two tenants' MXs forward them, sent over SMTP to the running
/// Ingest host; both feed nodes' DNS servers are asked with real packets until their answers change.
/// </summary>
public sealed class Listing_a_reflector_from_its_backscatter(RunningPipeline pipeline) : IClassFixture<RunningPipeline>
{
    private static readonly TimeSpan ListedWithin = TimeSpan.FromSeconds(5);

    // Where the listing is only the starting point, its speed is not what the test is about.
    private static readonly TimeSpan ListedEventually = TimeSpan.FromSeconds(60);

    private static IPAddress SomeReflector() =>
        IPAddress.Parse($"45.33.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}");

    private static byte[] Forwarded(string corpusFile, IPAddress reflector) =>
        ExampleTenant.ForwardedBounce(corpusFile, reflector.ToString());

    /// <summary>Backscatter enough to list: two messages to the first tenant, one to the second.</summary>
    private async Task ReflectAsync(IPAddress reflector)
    {
        await SendAsync(pipeline.TenantAddresses[0], Forwarded("lhost-postfix-02.eml", reflector));
        await SendAsync(pipeline.TenantAddresses[0], Forwarded("lhost-exim-01.eml", reflector));
        await SendAsync(pipeline.TenantAddresses[1], Forwarded("lhost-postfix-04.eml", reflector));
    }

    private async Task SendAsync(string recipient, byte[] message)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(pipeline.Smtp);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        async Task<string> ReplyAsync()
        {
            string line;
            do
            {
                line = await reader.ReadLineAsync() ?? throw new IOException("The SMTP server closed the connection.");
            }
            while (line.Length > 3 && line[3] == '-');
            return line;
        }

        async Task<string> CommandAsync(string command)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
            return await ReplyAsync();
        }

        Assert.StartsWith("220", await ReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("250", await CommandAsync("EHLO mx1.tenant.example"), StringComparison.Ordinal);
        Assert.StartsWith("250", await CommandAsync("MAIL FROM:<>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await CommandAsync($"RCPT TO:<{recipient}>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await CommandAsync("DATA"), StringComparison.Ordinal);
        await stream.WriteAsync(message);
        Assert.StartsWith("250", await CommandAsync("\r\n."), StringComparison.Ordinal);
    }

    /// <returns>Each node's last answer: the first that satisfied <paramref name="settled"/>, or the one at the deadline.</returns>
    private async Task<IDnsQueryResponse[]> AskUntilAsync(IPAddress reflector, QueryType type, Func<IDnsQueryResponse, bool> settled, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        return await Task.WhenAll(pipeline.DnsPorts.Select(async port =>
        {
            var client = Client(port);
            while (true)
            {
                var response = await client.QueryAsync(NameOf(reflector), type);
                if (settled(response) || DateTime.UtcNow > deadline)
                {
                    return response;
                }

                await Task.Delay(50);
            }
        }));
    }

    private static bool Listed(IDnsQueryResponse response) => response.Answers.ARecords().Any();

    private static bool NotListed(IDnsQueryResponse response) => response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain;

    private async Task<List<ListingChange>> HistoryAsync(IPAddress reflector)
    {
        await using var db = pipeline.Database.CreateContext();
        return await db.ListingHistory.AsNoTracking().Where(h => h.Ip == reflector).OrderBy(h => h.Id).Select(h => h.Change).ToListAsync();
    }

    [Fact]
    public async Task Should_list_it_in_DNS_within_5_seconds_and_drop_it_when_it_expires()
    {
        var reflector = SomeReflector();
        var before = await AskUntilAsync(reflector, QueryType.A, _ => true, TimeSpan.Zero);

        await ReflectAsync(reflector);
        var listed = await AskUntilAsync(reflector, QueryType.A, Listed, ListedWithin);
        var txt = await AskUntilAsync(reflector, QueryType.TXT, _ => true, TimeSpan.Zero);
        var expired = await AskUntilAsync(reflector, QueryType.A, NotListed, RunningPipeline.ListingLifetime + TimeSpan.FromSeconds(30));

        Assert.All(before, answer => Assert.True(NotListed(answer)));
        Assert.All(listed, answer => Assert.Equal(IPAddress.Parse("127.0.0.2"), Assert.Single(answer.Answers.ARecords()).Address));
        Assert.All(txt, answer => Assert.StartsWith(
            $"{reflector} reflected 3 backscatter messages to 2 networks, last seen ",
            string.Concat(Assert.Single(answer.Answers.TxtRecords()).Text),
            StringComparison.Ordinal));
        Assert.All(expired, answer => Assert.True(NotListed(answer), "The listing did not expire."));
        Assert.Equal([ListingChange.Listed, ListingChange.Expired], await HistoryAsync(reflector));
    }

    [Fact]
    public async Task Should_drop_it_when_an_operator_delists_it_with_a_reason_and_refuse_anyone_without_the_operator_key()
    {
        var reflector = SomeReflector();
        await ReflectAsync(reflector);
        var listed = await AskUntilAsync(reflector, QueryType.A, Listed, ListedEventually);
        using var http = pipeline.CreateFeedClient();
        var path = new Uri($"/operator/listings/{reflector}/delisting", UriKind.Relative);
        var body = new { reason = "recipient verification turned on", @operator = "alice" };

        using var anonymous = await http.PostAsJsonAsync(path, body);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        wrongKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-operator-key-not-the-operator-key");
        using var refused = await http.SendAsync(wrongKey);
        using var withoutReason = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { reason = " ", @operator = "alice" }) };
        withoutReason.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RunningPipeline.OperatorApiKey);
        using var invalid = await http.SendAsync(withoutReason);
        var stillListed = await AskUntilAsync(reflector, QueryType.A, _ => true, TimeSpan.Zero);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RunningPipeline.OperatorApiKey);
        using var delisted = await http.SendAsync(request);
        var gone = await AskUntilAsync(reflector, QueryType.A, NotListed, TimeSpan.FromSeconds(5));

        Assert.All(listed, answer => Assert.True(Listed(answer)));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.All(stillListed, answer => Assert.True(Listed(answer)));
        Assert.Equal(HttpStatusCode.OK, delisted.StatusCode);
        Assert.All(gone, answer => Assert.True(NotListed(answer), "The delisting did not reach the DNS answers."));
        Assert.Equal([ListingChange.Listed, ListingChange.Delisted], await HistoryAsync(reflector));
    }
}
