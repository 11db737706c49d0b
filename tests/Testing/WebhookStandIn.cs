using System.Collections.Concurrent;
using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backscatter.Testing;

/// <summary>
/// A real HTTP server on loopback standing in for Slack and for customers' webhooks. It records
/// every request and answers by path: <c>/ok/*</c> 200 "ok" (as Slack does), <c>/fail-twice/*</c>
/// 503 twice then 200, <c>/hang/*</c> never, <c>/slow/*</c> 200 after a second, <c>/redirect/*?to=URL</c> 302 to URL.
/// </summary>
public sealed class WebhookStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new();

    private WebhookStandIn(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IPEndPoint EndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    public string Url(string path) => $"http://127.0.0.1:{EndPoint.Port}{path}";

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    public static async Task<WebhookStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new WebhookStandIn(app);
        app.Run(standIn.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        standIn.EndPoint = new IPEndPoint(IPAddress.Loopback, new Uri(address).Port);
        return standIn;
    }

    /// <summary>Waits until <paramref name="count"/> requests to <paramref name="path"/> have arrived, or the deadline passed.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(string path, int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (RequestsTo(path).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return RequestsTo(path);
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var path = context.Request.Path.Value ?? "";
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new RecordedRequest(path, context.Request.Method, headers, body.ToArray(), DateTimeOffset.UtcNow));
        var hit = _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (path.StartsWith("/fail-twice/", StringComparison.Ordinal) && hit <= 2)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (path.StartsWith("/hang/", StringComparison.Ordinal))
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (path.StartsWith("/slow/", StringComparison.Ordinal))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
        }

        if (path.StartsWith("/redirect/", StringComparison.Ordinal))
        {
            context.Response.Redirect(context.Request.Query["to"].ToString());
            return;
        }

        await context.Response.WriteAsync("ok");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
