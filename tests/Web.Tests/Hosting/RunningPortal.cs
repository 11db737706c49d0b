extern alias ingest;

using System.Net;

using Backscatter.Testing;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Hosting;

/// <summary>
/// The portal on real Kestrel (a free loopback port) and the Ingest host (SMTP on a free port)
/// side by side, on one migrated test database and the test broker: what a browser needs to sign
/// up, forward a bounce and watch it arrive.
/// </summary>
public class RunningPortal : IAsyncLifetime
{
    private WebApplicationFactory<ingest::Program>? _ingest;
    private WebApplicationFactory<Program>? _web;

    public TestDatabase Database { get; } = new MigratedTestDatabase();

    /// <summary>Where the portal drops account mail (.eml files).</summary>
    public string PickupDirectory { get; } = Path.Combine(Path.GetTempPath(), $"bs-web-mail-{Guid.NewGuid():N}");

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IPEndPoint Smtp { get; private set; } = new(IPAddress.Loopback, 0);

    public IServiceProvider WebServices => _web!.Services;

    public IServiceProvider IngestServices => _ingest!.Services;

    /// <summary>A browser needs the portal on a real port; HTTP clients of tests do with the in-memory server.</summary>
    protected virtual bool ListensOnLoopback => true;

    /// <summary>More settings for both hosts.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        await Database.InitializeAsync();

        // Ingest publishes ReportsClassified to this portal only: one bus scope for the pair.
        var busScope = LocalServices.NewBusScope();
        var ingestSettings = new Dictionary<string, string>(LocalServices.Settings(Database.ConnectionString, busScope, HostLogin.Ingest))
        {
            ["Smtp:Port"] = "0",
            ["Ingest:CreateDemoTenant"] = "false",
        };
        foreach (var (key, value) in Settings)
        {
            ingestSettings[key] = value;
        }

        _ingest = Start(new WebApplicationFactory<ingest::Program>(), ingestSettings);
        _ = _ingest.Services;
        var bound = await _ingest.Services.GetRequiredService<ingest::Backscatter.Ingest.Smtp.SmtpListener>().Bound.WaitAsync(TimeSpan.FromSeconds(30));
        Smtp = new IPEndPoint(IPAddress.Loopback, bound.Port);

        var webSettings = new Dictionary<string, string>(LocalServices.Settings(Database.ConnectionString, busScope, HostLogin.Web))
        {
            // appsettings.Development.json says 5080: fixtures that run at once need a port each.
            ["Urls"] = "http://127.0.0.1:0",
            ["AccountMail:PickupDirectory"] = PickupDirectory,
            ["Onboarding:IngestSmtpHost"] = "127.0.0.1",
            ["Onboarding:IngestSmtpPort"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in Settings)
        {
            webSettings[key] = value;
        }

        _web = Start(new WebApplicationFactory<Program>(), webSettings);
        if (ListensOnLoopback)
        {
            _web.UseKestrel(0);
            _web.StartServer();
        }

        using var client = _web.CreateClient();
        BaseAddress = client.BaseAddress!;
    }

    /// <summary>An HTTP client of the portal that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateClient() => _web!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = BaseAddress });

    public virtual async Task DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        if (_ingest is not null)
        {
            await _ingest.DisposeAsync();
        }

        await Database.DisposeAsync();
        if (Directory.Exists(PickupDirectory))
        {
            Directory.Delete(PickupDirectory, recursive: true);
        }
    }

    private static WebApplicationFactory<T> Start<T>(WebApplicationFactory<T> factory, IReadOnlyDictionary<string, string> settings)
        where T : class
        => factory.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
}
