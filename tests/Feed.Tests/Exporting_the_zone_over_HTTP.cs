using Backscatter.Feed.Dns;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Feed.Tests;

public sealed class Exporting_the_zone_over_HTTP : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(new ActiveListing(RunningDnsFeed.BuildSnapshot(77)));
        builder.Services.AddOptions<DnsFeedOptions>();
        _app = builder.Build();
        _app.MapZoneExport();
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Should_serve_the_current_snapshot_as_ip4set()
    {
        using var response = await _http.GetAsync(new Uri("/zone/ip4set", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"77\"", response.Headers.ETag?.Tag);
        Assert.Contains("93.184.216.34 :127.0.0.2:$ reflected 17", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_serve_the_current_snapshot_as_ip6trie()
    {
        var text = await _http.GetStringAsync(new Uri("/zone/ip6trie", UriKind.Relative));

        Assert.Contains("2a00:1450:4001:81c::200e :127.0.0.4:", text, StringComparison.Ordinal);
    }
}
