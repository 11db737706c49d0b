using Backscatter.Testing;

namespace Backscatter.Infra.Tests;

/// <summary>
/// infra/bicep of this checkout, and a throw-away copy of it for the commands that write their
/// results beside their input (bicep snapshot), so a test run never changes the checkout.
/// </summary>
public sealed class InfrastructureSources : IDisposable
{
    public static string Checkout { get; } = Path.Combine(SharedCorpus.RepositoryRoot, "infra", "bicep");

    /// <summary>Dummy values for the secrets main.bicepparam reads from the environment.</summary>
    public static IReadOnlyDictionary<string, string> ExampleSecrets { get; } = new Dictionary<string, string>
    {
        ["BACKSCATTER_PG_PASSWORD"] = "pg-" + Guid.NewGuid().ToString("N"),
        ["BACKSCATTER_PG_WEB_PASSWORD"] = "pg-web-" + Guid.NewGuid().ToString("N"),
        ["BACKSCATTER_PG_INGEST_PASSWORD"] = "pg-ingest-" + Guid.NewGuid().ToString("N"),
        ["BACKSCATTER_PG_FEED_PASSWORD"] = "pg-feed-" + Guid.NewGuid().ToString("N"),
        ["BACKSCATTER_MQ_PASSWORD"] = "mq-" + Guid.NewGuid().ToString("N"),
        ["BACKSCATTER_SMARTHOST_PASSWORD"] = "smtp-" + Guid.NewGuid().ToString("N"),
    };

    public InfrastructureSources()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("backscatter-bicep-").FullName;
        foreach (var file in System.IO.Directory.EnumerateFiles(Checkout, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Checkout, file);
            if (relative.EndsWith(".json", StringComparison.Ordinal) && relative != "bicepconfig.json")
            {
                continue;
            }

            var target = Path.Combine(Directory, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The copy.</summary>
    public string Directory { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
