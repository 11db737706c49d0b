using System.Net;
using System.Text.Json;

using Backscatter.Domain.Persistence;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Npgsql;

namespace Backscatter.Testing;

/// <summary>
/// What every host must do at start: become ready against the local services, and when a
/// dependency is missing, still start and say which one is down. A host's test project derives
/// one class from this per host.
/// </summary>
public abstract class HostReadinessSpecification<TEntryPoint> : IAsyncLifetime
    where TEntryPoint : class
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(90);
    private readonly TestDatabase _database = new();

    /// <summary>The host's own PostgreSQL login; it migrates at start as the schema owner.</summary>
    protected abstract HostLogin Login { get; }

    /// <summary>Settings the host needs beyond the connection settings (e.g. listener ports set to 0).</summary>
    protected virtual IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>();

    /// <summary>The host as its own login on this class's database, ready against the local services.</summary>
    protected async Task<WebApplicationFactory<TEntryPoint>> StartReadyHostAsync()
    {
        var host = StartHost(LocalServices.Settings(_database.ConnectionString, login: Login));
        var report = await WaitForReadinessAsync(host, r => r.Status == "Healthy");
        Assert.Equal("Healthy", report.Status);
        return host;
    }

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Is_ready_against_the_local_services()
    {
        await using var host = StartHost(LocalServices.Settings(_database.ConnectionString, login: Login));
        var report = await WaitForReadinessAsync(host, r => r.Status == "Healthy");

        Assert.Equal("Healthy", report.Status);
        Assert.Equal("Healthy", report.Checks["postgresql"]);
        Assert.Equal("Healthy", report.Checks["rabbitmq"]);
    }

    [Fact]
    public async Task Works_as_its_own_login_on_the_tables_the_owner_migrated()
    {
        await using var host = StartHost(LocalServices.Settings(_database.ConnectionString, login: Login));
        var report = await WaitForReadinessAsync(host, r => r.Status == "Healthy");
        Assert.Equal("Healthy", report.Status);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackscatterDbContext>();
        // Columns in the context's snake_case naming convention.
        var (user, tableOwners) = await db.Database
            .SqlQueryRaw<LoginAndOwners>(
                "SELECT current_user AS user, (SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables WHERE schemaname = 'public') AS table_owners")
            .SingleAsync();

        Assert.Equal(Login.Username, user);
        Assert.Equal(new NpgsqlConnectionStringBuilder(_database.ConnectionString).Username, tableOwners);
    }

    [Fact]
    public async Task Starts_without_PostgreSQL_and_says_it_is_the_database_that_is_down()
    {
        var settings = new Dictionary<string, string>(LocalServices.Settings())
        {
            ["ConnectionStrings:Backscatter"] =
                $"Host=127.0.0.1;Port={LocalServices.UnusedLoopbackPort()};Database=backscatter;Username=backscatter;Password=x;Timeout=3",
        };
        await using var host = StartHost(settings);
        var report = await WaitForReadinessAsync(host, r => r.Checks.GetValueOrDefault("rabbitmq") == "Healthy");

        Assert.Equal("Unhealthy", report.Status);
        Assert.Equal("Unhealthy", report.Checks["postgresql"]);
        Assert.Equal("Healthy", report.Checks["rabbitmq"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, report.HttpStatus);
    }

    [Fact]
    public async Task Starts_without_RabbitMQ_and_says_it_is_the_broker_that_is_down()
    {
        var settings = new Dictionary<string, string>(LocalServices.Settings(_database.ConnectionString, login: Login))
        {
            ["RabbitMq:Port"] = LocalServices.UnusedLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var host = StartHost(settings);
        var report = await WaitForReadinessAsync(host, r => r.Checks.GetValueOrDefault("postgresql") == "Healthy");

        Assert.Equal("Unhealthy", report.Status);
        Assert.Equal("Unhealthy", report.Checks["rabbitmq"]);
        Assert.Equal("Healthy", report.Checks["postgresql"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, report.HttpStatus);
    }

    [Fact]
    public async Task Says_so_when_its_own_login_may_not_migrate_the_schema()
    {
        // No schema owner's connection string (empty = not set): the host's own login would have to create the tables.
        var settings = new Dictionary<string, string>(LocalServices.Settings(_database.ConnectionString, login: Login))
        {
            ["ConnectionStrings:BackscatterMigrations"] = "",
        };
        await using var host = StartHost(settings);
        var report = await WaitForReadinessAsync(host, r => r.Descriptions.GetValueOrDefault("database-schema")?.Contains("may not", StringComparison.Ordinal) == true);

        Assert.Equal("Unhealthy", report.Checks["database-schema"]);
        Assert.Contains($"'{Login.Username}' may not change the schema", report.Descriptions["database-schema"], StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:BackscatterMigrations", report.Descriptions["database-schema"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, report.HttpStatus);
    }

    [Fact]
    public async Task Answers_liveness_without_asking_its_dependencies()
    {
        var settings = new Dictionary<string, string>(LocalServices.Settings())
        {
            ["ConnectionStrings:Backscatter"] = $"Host=127.0.0.1;Port={LocalServices.UnusedLoopbackPort()};Database=x;Username=x;Password=x",
            ["RabbitMq:Port"] = LocalServices.UnusedLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var host = StartHost(settings);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private WebApplicationFactory<TEntryPoint> StartHost(IReadOnlyDictionary<string, string> settings)
    {
        var all = new Dictionary<string, string>(settings);
        foreach (var (key, value) in HostSettings)
        {
            all[key] = value;
        }

        return new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            foreach (var (key, value) in all)
            {
                b.UseSetting(key, value);
            }
        });
    }

    private static async Task<ReadinessReport> WaitForReadinessAsync(
        WebApplicationFactory<TEntryPoint> host, Func<ReadinessReport, bool> settled)
    {
        using var client = host.CreateClient();
        var deadline = DateTime.UtcNow + ReadyWithin;
        ReadinessReport report;
        do
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            report = ReadinessReport.Parse(response.StatusCode, body);
            if (settled(report))
            {
                return report;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        return report;
    }

    private sealed record LoginAndOwners(string User, string TableOwners);

    private sealed record ReadinessReport(HttpStatusCode HttpStatus, string Status, Dictionary<string, string> Checks, Dictionary<string, string> Descriptions)
    {
        public static ReadinessReport Parse(HttpStatusCode httpStatus, string body)
        {
            using var json = JsonDocument.Parse(body);
            var checks = json.RootElement.GetProperty("checks").EnumerateObject()
                .ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString() ?? "");
            var descriptions = json.RootElement.GetProperty("checks").EnumerateObject()
                .ToDictionary(c => c.Name, c => c.Value.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "");
            return new ReadinessReport(httpStatus, json.RootElement.GetProperty("status").GetString() ?? "", checks, descriptions);
        }
    }
}
