using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using static Backscatter.Infra.Tests.DeploymentSnapshot;

namespace Backscatter.Infra.Tests;

public sealed class Deploying_to_Azure(DeploymentSnapshot deployment) : IClassFixture<DeploymentSnapshot>
{
    public static TheoryData<string> Hosts => [.. HostSettings.ByHost.Keys];

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Should_give_every_host_the_settings_it_reads(string host)
    {
        var resources = deployment.HostResources(host);

        Assert.NotEmpty(resources);
        foreach (var resource in resources)
        {
            var missing = HostSettings.ByHost[host]
                .Where(key => Setting(resource, key) is not { } setting
                    || (Text(setting, "value") + Text(setting, "secretRef") + Text(setting, "secureValue")).Length == 0)
                .ToList();
            Assert.True(missing.Count == 0, $"{Text(resource, "name")} lacks {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void Should_take_every_secret_setting_from_key_vault()
    {
        var checkedSecrets = 0;
        foreach (var resource in deployment.OfType("Microsoft.App/containerApps").Concat(deployment.OfType("Microsoft.ContainerInstance/containerGroups")))
        {
            var appSecrets = resource["properties"]?["configuration"]?["secrets"]?.AsArray().Select(s => s!.AsObject()).ToList() ?? [];
            foreach (var setting in Settings(resource).Where(s => HostSettings.IsSecret(Text(s, "name"))))
            {
                var where = $"{Text(resource, "name")}: {Text(setting, "name")}";
                Assert.True(setting["value"] is null, $"{where} is a plain value");
                if (Text(resource, "type") == "Microsoft.App/containerApps")
                {
                    var secret = appSecrets.SingleOrDefault(s => Text(s, "name") == Text(setting, "secretRef"));
                    Assert.True(secret is not null, $"{where} names no secret of the app");
                    Assert.True(secret["value"] is null && Text(secret, "keyVaultUrl").Length > 0, $"{where} is not a Key Vault reference");
                }
                else
                {
                    Assert.StartsWith("[getKeyVaultSecret(", Text(setting, "secureValue"), StringComparison.Ordinal);
                }

                checkedSecrets++;
            }
        }

        Assert.True(checkedSecrets >= 8, $"only {checkedSecrets} secret settings found");
    }

    [Fact]
    public void Should_keep_the_secure_parameters_out_of_everything_but_key_vault()
    {
        Assert.NotEmpty(deployment.SecureParameters);
        foreach (var resource in deployment.Resources)
        {
            foreach (var (path, text) in Strings(resource, string.Empty))
            {
                var leaked = deployment.SecureParameters.Where(p => text.Contains($"parameters('{p}')", StringComparison.Ordinal)).ToList();
                var allowed = Text(resource, "type") == "Microsoft.KeyVault/vaults/secrets"
                    || (Text(resource, "type") == "Microsoft.DBforPostgreSQL/flexibleServers" && path == "/properties/administratorLoginPassword");
                Assert.True(leaked.Count == 0 || allowed, $"{Text(resource, "name")}{path} holds {string.Join(", ", leaked)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Should_connect_every_host_to_postgresql_as_its_own_login_not_the_administrator(string host)
    {
        var administrator = Text(Assert.Single(deployment.OfType("Microsoft.DBforPostgreSQL/flexibleServers"), s => s["properties"]?["administratorLogin"] is not null)["properties"]!, "administratorLogin");
        var login = $"backscatter_{host}";
        Assert.NotEqual(administrator, login);

        foreach (var resource in deployment.HostResources(host))
        {
            var secretName = KeyVaultSecretName(resource, HostSettings.ConnectionString);
            var secret = Assert.Single(deployment.OfType("Microsoft.KeyVault/vaults/secrets"), s => Text(s, "name").EndsWith($"/{secretName}", StringComparison.Ordinal));
            var connectionString = Text(secret["properties"]!, "value");

            Assert.Contains("Username=", connectionString, StringComparison.Ordinal);
            Assert.Contains($"'{login}'", connectionString, StringComparison.Ordinal);
            Assert.Contains($"parameters('{host}DatabasePassword')", connectionString, StringComparison.Ordinal);
            Assert.DoesNotContain($"'{administrator}'", connectionString, StringComparison.Ordinal);
            Assert.DoesNotContain("postgresAdministrator", connectionString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Should_read_the_portals_reports_from_the_read_replica_as_the_portals_own_login()
    {
        var web = Assert.Single(deployment.HostResources("web"));
        var secretName = KeyVaultSecretName(web, $"ConnectionStrings__{Web.Tenancy.ReadReplica.ConnectionStringName}");
        var secret = Assert.Single(deployment.OfType("Microsoft.KeyVault/vaults/secrets"), s => Text(s, "name").EndsWith($"/{secretName}", StringComparison.Ordinal));
        var connectionString = Text(secret["properties"]!, "value");

        Assert.Single(deployment.OfType("Microsoft.DBforPostgreSQL/flexibleServers"), s => Text(s["properties"]!, "createMode") == "Replica");
        Assert.Contains("outputs.replicaFqdn", connectionString, StringComparison.Ordinal);
        Assert.Contains("'backscatter_web'", connectionString, StringComparison.Ordinal);
        Assert.Contains("parameters('webDatabasePassword')", connectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_give_the_administrator_password_to_the_server_only()
    {
        var holders = deployment.Resources
            .SelectMany(r => Strings(r, string.Empty)
                .Where(s => s.Text.Contains("parameters('postgresAdministratorPassword')", StringComparison.Ordinal))
                .Select(s => $"{Text(r, "type")}{s.Path}"))
            .ToList();

        Assert.Equal(["Microsoft.DBforPostgreSQL/flexibleServers/properties/administratorLoginPassword"], holders);
    }

    [Fact]
    public void Should_forward_udp_and_tcp_53_to_the_feed_port()
    {
        var nodes = deployment.HostResources("feed");
        var feedPorts = nodes.Select(n => int.Parse(Text(Setting(n, HostSettings.DnsPort)!, "value"), System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        var balancer = Assert.Single(deployment.OfType("Microsoft.Network/loadBalancers"));

        var feedPort = Assert.Single(feedPorts);
        var rules = balancer["properties"]!["loadBalancingRules"]!.AsArray().Select(r => r!["properties"]!).ToList();
        Assert.Equal(["Tcp", "Udp"], rules.Select(r => Text(r, "protocol")).Order(StringComparer.Ordinal));
        Assert.All(rules, r => Assert.Equal(53, r["frontendPort"]!.GetValue<int>()));
        Assert.All(rules, r => Assert.Equal(feedPort, r["backendPort"]!.GetValue<int>()));
        Assert.All(nodes, node =>
        {
            var ports = node["properties"]!["containers"]![0]!["properties"]!["ports"]!.AsArray()
                .Select(p => (Port: p!["port"]!.GetValue<int>(), Protocol: Text(p, "protocol")))
                .ToList();
            Assert.Contains((feedPort, "UDP"), ports);
            Assert.Contains((feedPort, "TCP"), ports);
        });
        var pool = balancer["properties"]!["backendAddressPools"]![0]!["properties"]!["loadBalancerBackendAddresses"]!.AsArray();
        Assert.Equal(nodes.Count, pool.Count);
    }

    [Fact]
    public void Should_expose_smtp_on_25_to_the_ingest_port()
    {
        var ingest = Assert.Single(deployment.HostResources("ingest"));
        var smtpPort = int.Parse(Text(Setting(ingest, HostSettings.SmtpPort)!, "value"), System.Globalization.CultureInfo.InvariantCulture);

        var ingress = ingest["properties"]!["configuration"]!["ingress"]!;
        Assert.Equal("tcp", Text(ingress, "transport"));
        Assert.True(ingress["external"]!.GetValue<bool>());
        Assert.Equal(25, ingress["exposedPort"]!.GetValue<int>());
        Assert.Equal(smtpPort, ingress["targetPort"]!.GetValue<int>());
    }

    [Fact]
    public void Should_send_each_browser_back_to_the_portal_replica_that_holds_its_circuit()
    {
        // Blazor Server keeps a circuit's state in one replica, and its negotiate and WebSocket
        // requests must reach the same one; the portal runs 2-10 replicas.
        var web = Assert.Single(deployment.HostResources("web"));

        var ingress = web["properties"]!["configuration"]!["ingress"]!;
        Assert.Equal("sticky", Text(ingress["stickySessions"]!, "affinity"));
        Assert.Equal("Single", Text(web["properties"]!["configuration"]!, "activeRevisionsMode"));
    }

    [Fact]
    public void Should_run_the_broker_inside_the_network_where_every_host_reaches_it()
    {
        // A Container App's internal ingress answers only inside its Container Apps environment, and
        // the feed nodes are container instances outside it: the broker must have an address in the network.
        var broker = Assert.Single(deployment.Resources, r => r.ToJsonString().Contains("/rabbitmq:", StringComparison.Ordinal));
        var rabbitMqPorts = HostSettings.ByHost.Keys
            .SelectMany(deployment.HostResources)
            .Select(host => Setting(host, HostSettings.RabbitMqPort) is { } setting ? Text(setting, "value") : "(none)")
            .Distinct()
            .ToList();

        Assert.Equal("Microsoft.ContainerInstance/containerGroups", Text(broker, "type"));
        Assert.NotEmpty(broker["properties"]!["subnetIds"]!.AsArray());
        Assert.Equal("Private", Text(broker["properties"]!["ipAddress"]!, "type"));
        var port = int.Parse(Assert.Single(rabbitMqPorts), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(broker["properties"]!["ipAddress"]!["ports"]!.AsArray(), p => p!["port"]!.GetValue<int>() == port && Text(p, "protocol") == "TCP");
    }

    /// <summary>The Key Vault secret a setting comes from: the last literal of the reference, e.g. 'database-web'.</summary>
    private static string KeyVaultSecretName(JsonObject resource, string settingName)
    {
        var setting = Setting(resource, settingName)!;
        var reference = Text(resource, "type") == "Microsoft.App/containerApps"
            ? Text(resource["properties"]!["configuration"]!["secrets"]!.AsArray().Single(s => Text(s!, "name") == Text(setting, "secretRef"))!, "keyVaultUrl")
            : Text(setting, "secureValue");
        var name = Regex.Match(reference, @"'([^']+)'\)\]$");
        Assert.True(name.Success, $"{Text(resource, "name")}: {settingName} is no Key Vault reference ({reference})");
        return name.Groups[1].Value;
    }

    private static IEnumerable<(string Path, string Text)> Strings(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value, $"{path}/{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => Strings(item, $"{path}/{i}")),
        JsonValue v when v.TryGetValue<string>(out var text) => [(path, text)],
        _ => [],
    };
}
