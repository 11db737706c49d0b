using System.Diagnostics;
using System.Reflection;

namespace Backscatter.Infra.Tests;

/// <summary>
/// The Bicep compiler from the Azure.Bicep.CommandLine.linux-x64 package that restore brought.
/// It runs without network: build commands get --no-restore (infra/bicep uses no registry modules),
/// and every run gets a proxy on a closed loopback port, so the module index that some commands
/// fetch by themselves fails at once instead of leaving the machine.
/// </summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Executable { get; } = typeof(BicepCli).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepExecutable").Value
        ?? throw new InvalidOperationException("The test assembly does not name the Bicep executable.");

    public static async Task<BicepRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        if (!File.Exists(Executable))
        {
            throw new FileNotFoundException($"The Bicep CLI is expected at {Executable} (restore tests/Infra.Tests).", Executable);
        }

        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HTTPS_PROXY"] = "http://127.0.0.1:9";
        start.Environment["HTTP_PROXY"] = "http://127.0.0.1:9";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        using var timeout = new CancellationTokenSource(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return new BicepRun(process.ExitCode, await output, await errors);
    }
}
