using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Backscatter.Web.Benchmarks;

/// <summary>
/// How long the portal takes to answer a signed-in GET of a page: the whole prerendered HTML (static
/// server-side rendering, the first response a browser gets), from sending the request to the last
/// byte read, one request at a time over a kept-alive loopback connection.
/// </summary>
internal static class PageTimings
{
    public static async Task<int> MeasureAsync(Uri baseUrl, string email, string password, int iterations, int warmup, IReadOnlyList<string> paths)
    {
        using var client = await PortalClient.LogInAsync(baseUrl, email, password);
        Console.WriteLine($"{"page",-60} {"n",5} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"KiB",6}");
        var failed = false;
        foreach (var path in paths)
        {
            var uri = new Uri(path.TrimStart('/'), UriKind.Relative);
            long bytes = 0;
            for (var i = 0; i < warmup && bytes >= 0; i++)
            {
                bytes = await GetAsync(client, uri);
            }

            var times = new double[iterations];
            for (var i = 0; i < iterations && bytes >= 0; i++)
            {
                var started = Stopwatch.GetTimestamp();
                bytes = await GetAsync(client, uri);
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            if (bytes < 0)
            {
                Console.WriteLine($"{path,-60} failed (see above)");
                failed = true;
                continue;
            }

            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path,-60} {iterations,5} {Percentile(times, 50),8:F0} {Percentile(times, 95),8:F0} {Percentile(times, 99),8:F0} {times[^1],8:F0} {bytes / 1024,6}"));
        }

        return failed ? 1 : 0;
    }

    // A page that is not a 200 (a redirect to the login, an error) is not a measurement.
    private static async Task<long> GetAsync(HttpClient client, Uri uri)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(uri, HttpCompletionOption.ResponseContentRead);
        }
        catch (TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{uri} did not answer within {client.Timeout.TotalSeconds:F0} s");
            return -1;
        }

        using var _ = response;
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            await Console.Error.WriteLineAsync($"{uri} answered {(int)response.StatusCode}");
            return -1;
        }

        return body.Length;
    }

    /// <summary>Nearest rank over sorted values.</summary>
    private static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
