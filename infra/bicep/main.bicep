// Backscatter.Cloud on Azure: the three hosts of the repository and the engines they share.
// Web and Ingest run in Container Apps (HTTP and TCP ingress scale out); the Feed answers DNS over
// UDP, which Container Apps ingress does not carry, so each Feed node is a container instance.
// Deploy: az deployment group create -g <group> -f infra/bicep/main.bicep -p infra/bicep/main.bicepparam
targetScope = 'resourceGroup'

@description('Short name that prefixes every resource, e.g. bsc-prod (lower case letters, digits and \'-\').')
@minLength(3)
@maxLength(16)
param name string

@description('Azure region of every resource; the resource group\'s by default.')
param location string = resourceGroup().location

@description('Image of the portal, e.g. myregistry.azurecr.io/backscatter-web:1.4.0.')
param webImage string
@description('Image of the SMTP ingest.')
param ingestImage string
@description('Image of the DNS feed.')
param feedImage string

@description('Registry the images come from; pulled with the hosts\' managed identity.')
param registryServer string

@description('The DNSBL zone the Feed is authoritative for, e.g. bl.backscatter.cloud.')
param feedZone string

@description('The feed zone\'s name servers, e.g. ns1.bl.backscatter.cloud (each an A record for the output feedAddress).')
@minLength(1)
@maxLength(8)
param feedNameServers string[]

@description('The feed zone\'s SOA RNAME: the operator\'s mailbox with its \'@\' written as a dot, e.g. hostmaster.backscatter.cloud.')
param feedHostmaster string

@description('Public host name of the portal; the TXT answers link to https://<portalHost>/lookup/{ip}.')
param portalHost string

@description('Domain the ingest addresses live in, e.g. in.backscatter.cloud (its MX points at the Ingest app).')
param ingestDomain string

@description('How many Feed nodes run behind the feed\'s public UDP/TCP load balancer.')
@minValue(1)
@maxValue(8)
param feedNodes int = 2

@description('PostgreSQL administrator: owns the schema and runs the migration bundle; its password reaches the server only, no host.')
param postgresAdministrator string = 'backscatter'

@secure()
param postgresAdministratorPassword string

// Each host logs in as its own member of its host's group role (the rows of its tables, nothing more;
// the migration HostGrants creates the roles, README "Deploy" the logins; docs/adr/0029, 0031).
@description('Password of the portal\'s PostgreSQL login backscatter_web; goes to Key Vault only.')
@secure()
param webDatabasePassword string

@description('Password of the Ingest\'s PostgreSQL login backscatter_ingest; goes to Key Vault only.')
@secure()
param ingestDatabasePassword string

@description('Password of the Feed\'s PostgreSQL login backscatter_feed; goes to Key Vault only.')
@secure()
param feedDatabasePassword string

@secure()
param rabbitMqPassword string

@description('Sender of account mail (email confirmation, password reset).')
param accountMailFrom string

@description('SMTP smarthost that sends account mail (STARTTLS required).')
param smarthostHost string

param smarthostPort int = 587

param smarthostUsername string

@secure()
param smarthostPassword string

var tags = {
  product: 'backscatter-cloud'
  deployment: name
}

// Names known before anything is deployed: resource identifiers never depend on runtime values.
var names = {
  identity: '${name}-hosts'
  workspace: '${name}-logs'
  insights: '${name}-insights'
  vault: '${name}-kv'
  environment: '${name}-apps'
  broker: '${name}-rabbitmq'
  web: '${name}-web'
  ingest: '${name}-ingest'
}

// The broker's account for the hosts.
var brokerAccount = {
  username: 'backscatter'
  virtualHost: 'backscatter'
}

// The hosts' own PostgreSQL logins (README, "Deploy", creates them after the migration bundle).
var databaseLogins = {
  web: 'backscatter_web'
  ingest: 'backscatter_ingest'
  feed: 'backscatter_feed'
}

// Ports the hosts listen on inside their containers.
var ports = {
  http: 8080
  smtp: 2525
  dns: 10053
  amqp: 5672
}

module monitoring 'modules/monitoring.bicep' = {
  params: {
    workspaceName: names.workspace
    insightsName: names.insights
    location: location
    tags: tags
  }
}

module identity 'modules/identity.bicep' = {
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module network 'modules/network.bicep' = {
  params: {
    name: name
    location: location
    tags: tags
  }
}

module database 'modules/postgres.bicep' = {
  params: {
    name: name
    location: location
    tags: tags
    administrator: postgresAdministrator
    administratorPassword: postgresAdministratorPassword
    delegatedSubnetId: network.outputs.postgresSubnetId
    privateDnsZoneId: network.outputs.postgresDnsZoneId
  }
}

module secrets 'modules/keyvault.bicep' = {
  params: {
    vaultName: names.vault
    location: location
    tags: tags
    readerIdentityName: names.identity
    webDatabaseConnectionString: 'Host=${database.outputs.fqdn};Database=backscatter;Username=${databaseLogins.web};Password=${webDatabasePassword};SSL Mode=VerifyFull'
    // The portal reads reports, reflectors and lookups from the read replica (roles replicate with the data).
    webReplicaConnectionString: 'Host=${database.outputs.replicaFqdn};Database=backscatter;Username=${databaseLogins.web};Password=${webDatabasePassword};SSL Mode=VerifyFull'
    ingestDatabaseConnectionString: 'Host=${database.outputs.fqdn};Database=backscatter;Username=${databaseLogins.ingest};Password=${ingestDatabasePassword};SSL Mode=VerifyFull'
    feedDatabaseConnectionString: 'Host=${database.outputs.fqdn};Database=backscatter;Username=${databaseLogins.feed};Password=${feedDatabasePassword};SSL Mode=VerifyFull'
    rabbitMqPassword: rabbitMqPassword
    smarthostPassword: smarthostPassword
  }
  dependsOn: [ identity ]
}

// The vault again, for the Key Vault references of the container instances' secure values.
resource vault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: names.vault
}

module environment 'modules/container-environment.bicep' = {
  params: {
    name: names.environment
    location: location
    tags: tags
    logAnalyticsWorkspaceName: names.workspace
    appInsightsName: names.insights
    infrastructureSubnetId: network.outputs.appsSubnetId
  }
  dependsOn: [ monitoring ]
}

module broker 'modules/rabbitmq.bicep' = {
  params: {
    name: names.broker
    location: location
    tags: tags
    subnetId: network.outputs.brokerSubnetId
    logAnalyticsWorkspaceName: names.workspace
    username: brokerAccount.username
    virtualHost: brokerAccount.virtualHost
    rabbitMqPassword: vault.getSecret('rabbitmq')
  }
  dependsOn: [ monitoring, secrets ]
}

// Every host's view of the database and the broker (ServiceDefaults: ConnectionStrings, RabbitMq);
// the app secret 'database' is each host's own connection string (its own login).
var commonSettings = [
  { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
  { name: 'ASPNETCORE_URLS', value: 'http://+:${ports.http}' }
  { name: 'ConnectionStrings__Backscatter', secretRef: 'database' }
  { name: 'RabbitMq__Host', value: broker.outputs.host }
  { name: 'RabbitMq__Port', value: string(ports.amqp) }
  { name: 'RabbitMq__VirtualHost', value: brokerAccount.virtualHost }
  { name: 'RabbitMq__Username', value: brokerAccount.username }
  { name: 'RabbitMq__Password', secretRef: 'rabbitmq' }
]

var commonSecrets = [
  { name: 'rabbitmq', secretName: 'rabbitmq' }
]

module ingest 'modules/container-app.bicep' = {
  params: {
    name: names.ingest
    location: location
    tags: tags
    environmentId: environment.outputs.environmentId
    identityId: identity.outputs.identityId
    registryServer: registryServer
    image: ingestImage
    keyVaultUri: secrets.outputs.vaultUri
    secrets: concat(commonSecrets, [ { name: 'database', secretName: 'database-ingest' } ])
    // SMTP over TCP ingress; the HTTP health endpoints are probed inside the environment.
    targetPort: ports.smtp
    exposedPort: 25
    healthPort: ports.http
    transport: 'tcp'
    external: true
    minReplicas: 2
    maxReplicas: 20
    env: concat(commonSettings, [
      { name: 'Smtp__ListenAddress', value: '0.0.0.0' }
      { name: 'Smtp__Port', value: string(ports.smtp) }
      { name: 'Smtp__HostName', value: ingestDomain }
      // Incident links in Slack and webhook alerts.
      { name: 'Alerts__PortalUrl', value: 'https://${portalHost}' }
    ])
  }
}

module web 'modules/container-app.bicep' = {
  params: {
    name: names.web
    location: location
    tags: tags
    environmentId: environment.outputs.environmentId
    identityId: identity.outputs.identityId
    registryServer: registryServer
    image: webImage
    keyVaultUri: secrets.outputs.vaultUri
    secrets: concat(commonSecrets, [
      { name: 'database', secretName: 'database-web' }
      { name: 'database-replica', secretName: 'database-web-replica' }
      { name: 'smarthost', secretName: 'smarthost' }
    ])
    targetPort: ports.http
    healthPort: ports.http
    transport: 'http'
    stickySessions: true
    external: true
    minReplicas: 2
    maxReplicas: 10
    env: concat(commonSettings, [
      { name: 'ConnectionStrings__BackscatterReplica', secretRef: 'database-replica' }
      // New tenants get addresses in the ingest domain; "send a test bounce" goes to the Ingest app.
      { name: 'Onboarding__IngestDomain', value: ingestDomain }
      { name: 'Onboarding__IngestSmtpHost', value: ingest.outputs.fqdn }
      { name: 'Onboarding__IngestSmtpPort', value: '25' }
      { name: 'AccountMail__From', value: accountMailFrom }
      { name: 'AccountMail__SmarthostHost', value: smarthostHost }
      { name: 'AccountMail__SmarthostPort', value: string(smarthostPort) }
      { name: 'AccountMail__SmarthostUsername', value: smarthostUsername }
      { name: 'AccountMail__SmarthostPassword', secretRef: 'smarthost' }
    ])
  }
}

module feedNodesDeployment 'modules/feed-node.bicep' = [for node in range(0, feedNodes): {
  params: {
    name: '${name}-feed-${node}'
    location: location
    tags: tags
    identityId: identity.outputs.identityId
    registryServer: registryServer
    image: feedImage
    subnetId: network.outputs.feedSubnetId
    logAnalyticsWorkspaceName: names.workspace
    databaseConnectionString: vault.getSecret('database-feed')
    rabbitMqHost: broker.outputs.host
    rabbitMqUsername: brokerAccount.username
    rabbitMqVirtualHost: brokerAccount.virtualHost
    rabbitMqPassword: vault.getSecret('rabbitmq')
    zone: feedZone
    nameServers: feedNameServers
    hostmaster: feedHostmaster
    lookupUrlTemplate: 'https://${portalHost}/lookup/{ip}'
    dnsPort: ports.dns
    healthPort: ports.http
  }
  dependsOn: [ monitoring, secrets ]
}]

module feedBalancer 'modules/feed-load-balancer.bicep' = {
  params: {
    name: '${name}-feed'
    location: location
    tags: tags
    virtualNetworkId: network.outputs.virtualNetworkId
    nodeAddresses: [for node in range(0, feedNodes): feedNodesDeployment[node].outputs.privateIp]
    dnsPort: ports.dns
    healthPort: ports.http
  }
}

@description('The portal\'s Container Apps address; point the portal host name (CNAME) at it.')
output portalUrl string = 'https://${web.outputs.fqdn}'
@description('The Ingest app\'s address; the ingest domain\'s MX points at it.')
output ingestHost string = ingest.outputs.fqdn
@description('The feed\'s public address; every name in feedNameServers gets an A record for it.')
output feedAddress string = feedBalancer.outputs.publicIp
@description('The server the migration bundle and the logins\' SQL (README, "Deploy") connect to as the administrator.')
output databaseHost string = database.outputs.fqdn
@description('The hosts\' own PostgreSQL logins, which README "Deploy" creates with the passwords given here.')
output databaseLogins { web: string, ingest: string, feed: string } = databaseLogins
