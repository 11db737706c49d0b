using System.Text.Json.Nodes;

namespace Backscatter.Infra.Tests;

public sealed class Compiling_the_infrastructure : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("backscatter-bicep-out-");

    public void Dispose() => _output.Delete(recursive: true);

    [Fact]
    public async Task Should_build_main_bicep_without_errors_or_warnings()
    {
        var run = await BicepCli.RunAsync(InfrastructureSources.Checkout, null, "build", "main.bicep", "--outdir", _output.FullName, "--no-restore");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Problems);
        Assert.True(File.Exists(Path.Combine(_output.FullName, "main.json")));
    }

    [Fact]
    public async Task Should_build_the_example_parameters_with_the_passwords_from_the_environment()
    {
        var parametersFile = Path.Combine(_output.FullName, "main.parameters.json");

        var run = await BicepCli.RunAsync(
            InfrastructureSources.Checkout,
            InfrastructureSources.ExampleSecrets,
            "build-params", "main.bicepparam", "--outfile", parametersFile, "--no-restore");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Problems);
        var parameters = JsonNode.Parse(await File.ReadAllTextAsync(parametersFile))!["parameters"]!;
        Assert.Equal(InfrastructureSources.ExampleSecrets["BACKSCATTER_PG_PASSWORD"], parameters["postgresAdministratorPassword"]!["value"]!.GetValue<string>());
        Assert.Equal(InfrastructureSources.ExampleSecrets["BACKSCATTER_PG_WEB_PASSWORD"], parameters["webDatabasePassword"]!["value"]!.GetValue<string>());
        Assert.Equal(InfrastructureSources.ExampleSecrets["BACKSCATTER_PG_INGEST_PASSWORD"], parameters["ingestDatabasePassword"]!["value"]!.GetValue<string>());
        Assert.Equal(InfrastructureSources.ExampleSecrets["BACKSCATTER_PG_FEED_PASSWORD"], parameters["feedDatabasePassword"]!["value"]!.GetValue<string>());
        Assert.Equal(InfrastructureSources.ExampleSecrets["BACKSCATTER_MQ_PASSWORD"], parameters["rabbitMqPassword"]!["value"]!.GetValue<string>());
        Assert.Equal(InfrastructureSources.ExampleSecrets["BACKSCATTER_SMARTHOST_PASSWORD"], parameters["smarthostPassword"]!["value"]!.GetValue<string>());
    }
}
