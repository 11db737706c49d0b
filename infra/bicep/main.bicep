// Backscatter.Cloud on Azure: the three hosts of the repository and the engines they share.
// Web and Ingest run in Container Apps (HTTP and TCP ingress scale out); the Feed answers DNS over
// UDP, which Container Apps ingress does not carry, so each Feed node is a container instance.
// Deploy: az deployment group create -g <group> -f infra/bicep/main.bicep -p infra/bicep/main.bicepparam
targetScope = 'resourceGroup'

@description('Short name that prefixes every resource, e.g. bsc-prod.')
@minLength(3)
@maxLength(16)
param name string

param location string = resourceGroup().location

@description('Container images, e.g. myregistry.azurecr.io/backscatter-web:1.4.0.')
param webImage string
param ingestImage string
param feedImage string

@description('Registry the images come from; pulled with the hosts\' managed identity.')
param registryServer string

@description('The DNSBL zone the Feed is authoritative for, e.g. bl.backscatter.cloud.')
param feedZone string

@description('Public host name of the portal; the TXT answers link to https://<portalHost>/lookup/{ip}.')
param portalHost string

@description('Domain the ingest addresses live in, e.g. in.backscatter.cloud (its MX points at the Ingest app).')
param ingestDomain string

@description('How many Feed nodes run behind the feed\'s public UDP/TCP load balancer.')
@minValue(1)
@maxValue(8)
param feedNodes int = 2

@description('PostgreSQL administrator; the password goes to Key Vault and never into app settings.')
param postgresAdministrator string = 'backscatter'

@secure()
param postgresAdministratorPassword string

@secure()
param rabbitMqPassword string

var tags = {
  product: 'backscatter-cloud'
  deployment: name
}

module monitoring 'modules/monitoring.bicep' = {
  name: '${name}-monitoring'
  params: {
    name: name
    location: location
    tags: tags
  }
}

module identity 'modules/identity.bicep' = {
  name: '${name}-identity'
  params: {
    name: name
    location: location
    tags: tags
  }
}

module network 'modules/network.bicep' = {
  name: '${name}-network'
  params: {
    name: name
    location: location
    tags: tags
  }
}

module database 'modules/postgres.bicep' = {
  name: '${name}-postgres'
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
  name: '${name}-keyvault'
  params: {
    name: name
    location: location
    tags: tags
    readerPrincipalId: identity.outputs.principalId
    databaseConnectionString: 'Host=${database.outputs.fqdn};Database=backscatter;Username=${postgresAdministrator};Password=${postgresAdministratorPassword};SSL Mode=VerifyFull'
    rabbitMqPassword: rabbitMqPassword
  }
}

module environment 'modules/container-environment.bicep' = {
  name: '${name}-environment'
  params: {
    name: name
    location: location
    tags: tags
    logAnalyticsCustomerId: monitoring.outputs.customerId
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    infrastructureSubnetId: network.outputs.appsSubnetId
  }
}

module broker 'modules/rabbitmq.bicep' = {
  name: '${name}-rabbitmq'
  params: {
    name: name
    location: location
    tags: tags
    environmentId: environment.outputs.environmentId
    identityId: identity.outputs.identityId
    keyVaultUri: secrets.outputs.vaultUri
  }
}

var commonSettings = [
  { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
  { name: 'ConnectionStrings__Backscatter', secretRef: 'database' }
  { name: 'RabbitMq__Host', value: broker.outputs.host }
  { name: 'RabbitMq__Port', value: '5672' }
  { name: 'RabbitMq__VirtualHost', value: 'backscatter' }
  { name: 'RabbitMq__Username', value: 'backscatter' }
  { name: 'RabbitMq__Password', secretRef: 'rabbitmq' }
]

module web 'modules/container-app.bicep' = {
  name: '${name}-web'
  params: {
    name: '${name}-web'
    location: location
    tags: tags
    environmentId: environment.outputs.environmentId
    identityId: identity.outputs.identityId
    registryServer: registryServer
    image: webImage
    keyVaultUri: secrets.outputs.vaultUri
    targetPort: 8080
    transport: 'http'
    external: true
    minReplicas: 2
    maxReplicas: 10
    env: concat(commonSettings, [
      { name: 'ASPNETCORE_URLS', value: 'http://+:8080' }
    ])
  }
}

module ingest 'modules/container-app.bicep' = {
  name: '${name}-ingest'
  params: {
    name: '${name}-ingest'
    location: location
    tags: tags
    environmentId: environment.outputs.environmentId
    identityId: identity.outputs.identityId
    registryServer: registryServer
    image: ingestImage
    keyVaultUri: secrets.outputs.vaultUri
    // SMTP over TCP ingress; the HTTP health endpoints are probed inside the environment.
    targetPort: 2525
    exposedPort: 25
    transport: 'tcp'
    external: true
    minReplicas: 2
    maxReplicas: 20
    env: concat(commonSettings, [
      { name: 'ASPNETCORE_URLS', value: 'http://+:8080' }
      { name: 'Smtp__ListenAddress', value: '0.0.0.0' }
      { name: 'Smtp__Port', value: '2525' }
      { name: 'Smtp__HostName', value: ingestDomain }
    ])
  }
}

module feedNodesDeployment 'modules/feed-node.bicep' = [for node in range(0, feedNodes): {
  name: '${name}-feed-${node}'
  params: {
    name: '${name}-feed-${node}'
    location: location
    tags: tags
    identityId: identity.outputs.identityId
    registryServer: registryServer
    image: feedImage
    subnetId: network.outputs.feedSubnetId
    logAnalyticsCustomerId: monitoring.outputs.customerId
    logAnalyticsSharedKey: monitoring.outputs.sharedKey
    databaseConnectionString: 'Host=${database.outputs.fqdn};Database=backscatter;Username=${postgresAdministrator};Password=${postgresAdministratorPassword};SSL Mode=VerifyFull'
    rabbitMqHost: broker.outputs.host
    rabbitMqPassword: rabbitMqPassword
    zone: feedZone
    lookupUrlTemplate: 'https://${portalHost}/lookup/{ip}'
  }
}]

module feedBalancer 'modules/feed-load-balancer.bicep' = {
  name: '${name}-feed-lb'
  params: {
    name: '${name}-feed'
    location: location
    tags: tags
    virtualNetworkId: network.outputs.virtualNetworkId
    nodeAddresses: [for node in range(0, feedNodes): feedNodesDeployment[node].outputs.privateIp]
  }
}

// Point the zone's NS record at this address (e.g. ns1.<feedZone> A <feedAddress>).
output portalUrl string = 'https://${web.outputs.fqdn}'
output ingestHost string = ingest.outputs.fqdn
output feedAddress string = feedBalancer.outputs.publicIp
