using Backscatter.ServiceDefaults.Logging;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Backscatter.ServiceDefaults.Tests.Logging;

public sealed class Writing_the_console_log_in_batches : IDisposable
{
    private readonly ConsoleStandIn _output = new();
    private readonly ConsoleStandIn _error = new();
    private ServiceProvider? _services;

    [Fact]
    public void Every_line_logged_from_several_threads_reaches_the_console_in_each_threads_order()
    {
        const int threads = 4, lines = 5_000;
        using (var provider = Provider())
        {
            var logger = provider.CreateLogger("Ingest");
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
            {
                for (var i = 0; i < lines; i++)
                {
                    logger.LogInformation("thread {Thread} line {Line}", thread, i);
                }
            });
        }

        var written = _output.Lines;
        Assert.Equal(threads * lines, written.Length);
        for (var thread = 0; thread < threads; thread++)
        {
            var marker = $"thread {thread} line ";
            var order = written.Where(l => l.Contains(marker, StringComparison.Ordinal))
                .Select(l => int.Parse(l[(l.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..], System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            Assert.Equal(Enumerable.Range(0, lines), order);
        }
    }

    [Fact]
    public void A_burst_of_lines_is_written_in_a_few_large_writes_not_one_per_line()
    {
        const int lines = 10_000;
        using (var provider = Provider())
        {
            var logger = provider.CreateLogger("Ingest");
            for (var i = 0; i < lines; i++)
            {
                logger.LogInformation("SMTP session {Number} ended", i);
            }
        }

        Assert.Equal(lines, _output.Lines.Length);
        Assert.InRange(_output.Writes, 1, lines / 10);
    }

    [Fact]
    public void A_single_line_is_on_the_console_without_waiting_for_more()
    {
        using var provider = Provider();
        provider.CreateLogger("Ingest").LogWarning("Refused a connection");

        Assert.True(_output.Written.Wait(TimeSpan.FromSeconds(10)));
        Assert.Contains("Refused a connection", _output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_at_the_error_threshold_go_to_standard_error_and_the_rest_to_standard_output()
    {
        using (var provider = Provider(o => o.LogToStandardErrorThreshold = LogLevel.Error))
        {
            var logger = provider.CreateLogger("Ingest");
            logger.LogInformation("stored a message");
            logger.LogError("could not store a batch");
        }

        Assert.Contains("stored a message", _output.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("could not store", _output.Text, StringComparison.Ordinal);
        Assert.Contains("could not store a batch", _error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_are_formatted_by_the_configured_console_formatter()
    {
        using (var provider = Provider(o => o.FormatterName = ConsoleFormatterNames.Json))
        {
            provider.CreateLogger("Backscatter.Ingest").LogInformation("SMTP session from {ClientIp}", "192.0.2.1");
        }

        var line = Assert.Single(_output.Lines);
        Assert.StartsWith("{", line, StringComparison.Ordinal);
        Assert.Contains("\"ClientIp\":\"192.0.2.1\"", line, StringComparison.Ordinal);
        Assert.Contains("\"Category\":\"Backscatter.Ingest\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_waits_for_a_stalled_console_instead_of_dropping_lines()
    {
        const int lines = ConsoleLogWriter.MaxPending + 2_000;
        _output.Stall();
        using (var provider = Provider())
        {
            try
            {
                var logger = provider.CreateLogger("Ingest");
                var logging = Task.Run(() =>
                {
                    for (var i = 0; i < lines; i++)
                    {
                        logger.LogInformation("line {Line}", i);
                    }
                });

                Assert.True(_output.Entered.Wait(TimeSpan.FromSeconds(10)));
                // The writer is stuck in its first write; the lines beyond the limit must wait, not vanish.
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                Assert.False(logging.IsCompleted);

                _output.Release();
                await logging.WaitAsync(TimeSpan.FromSeconds(30));
            }
            finally
            {
                _output.Release();
            }
        }

        Assert.Equal(lines, _output.Lines.Length);
    }

    [Fact]
    public void Replaces_the_runtimes_console_logger_and_keeps_its_formatters()
    {
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddConsole().AddBufferedConsole())
            .BuildServiceProvider();

        var providers = _services.GetServices<ILoggerProvider>().ToList();

        Assert.Single(providers.OfType<BufferedConsoleLoggerProvider>());
        Assert.Empty(providers.OfType<ConsoleLoggerProvider>());
        Assert.Contains(_services.GetServices<ConsoleFormatter>(), f => f.Name == ConsoleFormatterNames.Json);
    }

    private BufferedConsoleLoggerProvider Provider(Action<ConsoleLoggerOptions>? configure = null)
    {
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddBufferedConsole())
            .Configure<ConsoleLoggerOptions>(o => configure?.Invoke(o))
            .Configure<SimpleConsoleFormatterOptions>(o => o.SingleLine = true)
            .BuildServiceProvider();
        return new BufferedConsoleLoggerProvider(
            _services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(),
            _services.GetServices<ConsoleFormatter>(),
            _output,
            _error);
    }

    public void Dispose()
    {
        _services?.Dispose();
        _output.Dispose();
        _error.Dispose();
    }
}
