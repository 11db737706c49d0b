using System.Diagnostics;
using System.Text.RegularExpressions;

using Backscatter.Testing;

using Npgsql;

namespace Backscatter.Infra.Tests;

/// <summary>
/// infra/bicep/host-logins.sh: the hosts' passwords become SCRAM-SHA-256 verifiers before psql runs
/// host-logins.sql, so that no password reaches the server or its log (docs/adr/0031). psql is a
/// stand-in that records what it was given; the verifiers are then tried on the local PostgreSQL.
/// </summary>
public sealed partial class Creating_the_hosts_logins : IDisposable
{
    private static readonly string[] Hosts = ["web", "ingest", "feed"];

    private readonly string _bin = Directory.CreateTempSubdirectory("backscatter-psql-").FullName;

    private readonly Dictionary<string, string> _passwords = Hosts.ToDictionary(h => h, h => $"pw-{h}-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    [Fact]
    public async Task Should_give_psql_the_script_and_a_verifier_of_each_password_never_the_password()
    {
        var (exitCode, arguments, errors) = await RunAsync();

        Assert.True(exitCode == 0, errors);
        Assert.Equal(Path.Combine(InfrastructureSources.Checkout, "host-logins.sql"), Path.GetFullPath(arguments[arguments.IndexOf("-f") + 1]));
        foreach (var host in Hosts)
        {
            Assert.Matches(Verifier(), VerifierOf(arguments, host));
        }

        foreach (var password in _passwords.Values)
        {
            Assert.DoesNotContain(arguments, a => a.Contains(password, StringComparison.Ordinal));
        }

        // The script sets the passwords from the verifiers and from nothing else.
        var script = await File.ReadAllTextAsync(Path.Combine(InfrastructureSources.Checkout, "host-logins.sql"));
        Assert.Equal(
            [.. Hosts.Select(h => $"ALTER ROLE backscatter_{h} PASSWORD :'{h}_verifier';")],
            [.. script.Split('\n').Where(l => l.Contains("PASSWORD", StringComparison.Ordinal) && !l.TrimStart().StartsWith("--", StringComparison.Ordinal))]);
    }

    [Fact]
    public async Task Should_make_verifiers_that_let_postgresql_check_the_password()
    {
        var (exitCode, arguments, errors) = await RunAsync();
        Assert.True(exitCode == 0, errors);

        var role = $"bs_test_login_{Guid.NewGuid():N}"[..30];
        await using var owner = new NpgsqlConnection(LocalServices.ConnectionString);
        await owner.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN PASSWORD '{VerifierOf(arguments, "ingest")}'", owner))
        {
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            var login = new NpgsqlConnectionStringBuilder(LocalServices.ConnectionString) { Username = role, Pooling = false };
            login.Password = _passwords["ingest"];
            await using (var right = new NpgsqlConnection(login.ConnectionString))
            {
                await right.OpenAsync();
            }

            login.Password = _passwords["web"];
            await using var wrong = new NpgsqlConnection(login.ConnectionString);
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => wrong.OpenAsync());
            Assert.Equal(PostgresErrorCodes.InvalidPassword, refusal.SqlState);
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"DROP ROLE {role}", owner);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Should_refuse_to_run_without_every_password()
    {
        _passwords.Remove("feed");
        var (exitCode, arguments, errors) = await RunAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Empty(arguments);
        Assert.Contains("BACKSCATTER_PG_FEED_PASSWORD", errors, StringComparison.Ordinal);
    }

    private static string VerifierOf(List<string> arguments, string host) =>
        arguments.Single(a => a.StartsWith($"{host}_verifier=", StringComparison.Ordinal))[$"{host}_verifier=".Length..];

    /// <summary>Runs host-logins.sh with a psql that writes its arguments, one a line, and does nothing else.</summary>
    private async Task<(int ExitCode, List<string> PsqlArguments, string Errors)> RunAsync()
    {
        var recorded = Path.Combine(_bin, "psql.args");
        var psql = Path.Combine(_bin, "psql");
        await File.WriteAllTextAsync(psql, $"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{recorded}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(psql, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(Path.Combine(InfrastructureSources.Checkout, "host-logins.sh"), ["host=db.example dbname=backscatter user=backscatter"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PATH"] = _bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        foreach (var host in Hosts)
        {
            start.Environment.Remove($"BACKSCATTER_PG_{host.ToUpperInvariant()}_PASSWORD");
        }

        foreach (var (host, password) in _passwords)
        {
            start.Environment[$"BACKSCATTER_PG_{host.ToUpperInvariant()}_PASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var arguments = File.Exists(recorded) ? [.. await File.ReadAllLinesAsync(recorded)] : new List<string>();
        return (process.ExitCode, arguments, await errors);
    }

    [GeneratedRegex(@"^SCRAM-SHA-256\$4096:[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$")]
    private static partial Regex Verifier();
}
