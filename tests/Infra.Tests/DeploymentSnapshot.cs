using System.Text.Json.Nodes;

namespace Backscatter.Infra.Tests;

/// <summary>
/// What main.bicep with main.bicepparam would deploy: <c>bicep snapshot</c> evaluates the compiled ARM
/// template offline for a made-up subscription and resource group, modules included, so every
/// resource appears with its properties as far as they are known before deployment.
/// </summary>
public sealed class DeploymentSnapshot : IAsyncLifetime
{
    private readonly InfrastructureSources _sources = new();

    public IReadOnlyList<JsonObject> Resources { get; private set; } = [];

    /// <summary>The parameters of main.bicep declared @secure(), from the compiled template.</summary>
    public IReadOnlyList<string> SecureParameters { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var build = await BicepCli.RunAsync(_sources.Directory, null, "build", "main.bicep", "--stdout", "--no-restore");
        Assert.True(build.ExitCode == 0, build.ToString());
        var template = JsonNode.Parse(build.Output)!.AsObject();
        SecureParameters = [.. template["parameters"]!.AsObject()
            .Where(p => p.Value!["type"]!.GetValue<string>() == "securestring")
            .Select(p => p.Key)];

        var snapshot = await BicepCli.RunAsync(
            _sources.Directory,
            InfrastructureSources.ExampleSecrets,
            "snapshot", "main.bicepparam", "--mode", "overwrite",
            "--tenant-id", "00000000-0000-0000-0000-00000000000a",
            "--subscription-id", "00000000-0000-0000-0000-00000000000b",
            "--resource-group", "backscatter-test",
            "--location", "westeurope");
        Assert.True(snapshot.ExitCode == 0, snapshot.ToString());
        var predicted = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_sources.Directory, "main.snapshot.json")))!;
        Resources = [.. predicted["predictedResources"]!.AsArray().Select(r => r!.AsObject())];
    }

    public Task DisposeAsync()
    {
        _sources.Dispose();
        return Task.CompletedTask;
    }

    public IEnumerable<JsonObject> OfType(string type) => Resources.Where(r => Text(r, "type") == type);

    /// <summary>The container apps or container groups a host runs in, by the suffix of their names (-web, -feed-0, ...).</summary>
    public IReadOnlyList<JsonObject> HostResources(string host) =>
    [
        .. Resources.Where(r => Text(r, "type") is "Microsoft.App/containerApps" or "Microsoft.ContainerInstance/containerGroups"
            && (Text(r, "name").EndsWith($"-{host}", StringComparison.Ordinal) || Text(r, "name").Contains($"-{host}-", StringComparison.Ordinal))),
    ];

    /// <summary>The environment of a resource's first container: a container app's env, a container group's environmentVariables.</summary>
    public static IReadOnlyList<JsonObject> Settings(JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var settings = Text(resource, "type") == "Microsoft.App/containerApps"
            ? resource["properties"]!["template"]!["containers"]![0]!["env"]
            : resource["properties"]!["containers"]![0]!["properties"]!["environmentVariables"];
        return [.. (settings?.AsArray() ?? []).Select(s => s!.AsObject())];
    }

    public static JsonObject? Setting(JsonObject resource, string name) =>
        Settings(resource).SingleOrDefault(s => Text(s, "name") == name);

    public static string Text(JsonNode node, string property) =>
        node?[property]?.GetValue<string>() ?? string.Empty;
}
