// One Feed node: DNS over UDP and TCP (Container Apps ingress carries no UDP, hence a container
// instance). The container listens on dnsPort as the image's non-root user; the load balancer maps 53.
import { Tags } from 'types.bicep'

param name string
param location string
param tags Tags
param identityId string
param registryServer string
param image string
param subnetId string
param logAnalyticsWorkspaceName string
@secure()
@description('Pass a Key Vault reference (getSecret), never a literal.')
param databaseConnectionString string
param rabbitMqHost string
param rabbitMqUsername string
param rabbitMqVirtualHost string
@secure()
@description('Pass a Key Vault reference (getSecret), never a literal.')
param rabbitMqPassword string
param zone string
@description('The zone\'s name servers (NS records, the first one is the SOA MNAME).')
param nameServers string[]
@description('The SOA RNAME: the operator\'s mailbox with its \'@\' written as a dot.')
param hostmaster string
param lookupUrlTemplate string
@description('UDP and TCP port the feed answers DNS on inside the container.')
param dnsPort int
@description('Port of the HTTP endpoints (/health/live, /health/ready).')
param healthPort int

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: logAnalyticsWorkspaceName
}

var ports = [
  { port: dnsPort, protocol: 'UDP' }
  { port: dnsPort, protocol: 'TCP' }
  { port: healthPort, protocol: 'TCP' }
]

resource node 'Microsoft.ContainerInstance/containerGroups@2026-07-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    osType: 'Linux'
    restartPolicy: 'Always'
    sku: 'Standard'
    subnetIds: [ { id: subnetId } ]
    imageRegistryCredentials: [ { server: registryServer, identity: identityId } ]
    ipAddress: {
      type: 'Private'
      ports: ports
    }
    diagnostics: {
      logAnalytics: {
        workspaceId: workspace.properties.customerId
        workspaceKey: workspace.listKeys().primarySharedKey
      }
    }
    containers: [
      {
        name: 'feed'
        properties: {
          image: image
          resources: { requests: { cpu: 2, memoryInGB: 2 } }
          ports: ports
          environmentVariables: concat([
            { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
            { name: 'ASPNETCORE_URLS', value: 'http://+:${healthPort}' }
            { name: 'ConnectionStrings__Backscatter', secureValue: databaseConnectionString }
            { name: 'RabbitMq__Host', value: rabbitMqHost }
            { name: 'RabbitMq__Port', value: '5672' }
            { name: 'RabbitMq__VirtualHost', value: rabbitMqVirtualHost }
            { name: 'RabbitMq__Username', value: rabbitMqUsername }
            { name: 'RabbitMq__Password', secureValue: rabbitMqPassword }
            { name: 'DnsFeed__ListenAddress', value: '0.0.0.0' }
            { name: 'DnsFeed__Port', value: string(dnsPort) }
            { name: 'DnsFeed__Zone', value: zone }
            { name: 'DnsFeed__Hostmaster', value: hostmaster }
            { name: 'DnsFeed__LookupUrlTemplate', value: lookupUrlTemplate }
          ], map(range(0, length(nameServers)), i => { name: 'DnsFeed__NameServers__${i}', value: nameServers[i] }))
          readinessProbe: { httpGet: { path: '/health/ready', port: healthPort }, periodSeconds: 5 }
          livenessProbe: { httpGet: { path: '/health/live', port: healthPort }, periodSeconds: 10 }
        }
      }
    ]
  }
}

output privateIp string = node.properties.ipAddress.ip
