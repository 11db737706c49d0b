// One Feed node: DNS over UDP and TCP (Container Apps ingress carries no UDP, hence a container
// instance). The container listens on 10053 as the image's non-root user; the load balancer maps 53.
param name string
param location string
param tags object
param identityId string
param registryServer string
param image string
param subnetId string
param logAnalyticsCustomerId string
@secure()
param logAnalyticsSharedKey string
@secure()
param databaseConnectionString string
param rabbitMqHost string
@secure()
param rabbitMqPassword string
param zone string
param lookupUrlTemplate string

resource node 'Microsoft.ContainerInstance/containerGroups@2023-05-01' = {
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
      ports: [
        { port: 10053, protocol: 'UDP' }
        { port: 10053, protocol: 'TCP' }
        { port: 8080, protocol: 'TCP' }
      ]
    }
    diagnostics: {
      logAnalytics: {
        workspaceId: logAnalyticsCustomerId
        workspaceKey: logAnalyticsSharedKey
      }
    }
    containers: [
      {
        name: 'feed'
        properties: {
          image: image
          resources: { requests: { cpu: 2, memoryInGB: 2 } }
          ports: [
            { port: 10053, protocol: 'UDP' }
            { port: 10053, protocol: 'TCP' }
            { port: 8080, protocol: 'TCP' }
          ]
          environmentVariables: [
            { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
            { name: 'ASPNETCORE_URLS', value: 'http://+:8080' }
            { name: 'ConnectionStrings__Backscatter', secureValue: databaseConnectionString }
            { name: 'RabbitMq__Host', value: rabbitMqHost }
            { name: 'RabbitMq__VirtualHost', value: 'backscatter' }
            { name: 'RabbitMq__Username', value: 'backscatter' }
            { name: 'RabbitMq__Password', secureValue: rabbitMqPassword }
            { name: 'DnsFeed__ListenAddress', value: '0.0.0.0' }
            { name: 'DnsFeed__Port', value: '10053' }
            { name: 'DnsFeed__Zone', value: zone }
            { name: 'DnsFeed__LookupUrlTemplate', value: lookupUrlTemplate }
          ]
          readinessProbe: { httpGet: { path: '/health/ready', port: 8080 }, periodSeconds: 5 }
          livenessProbe: { httpGet: { path: '/health/live', port: 8080 }, periodSeconds: 10 }
        }
      }
    ]
  }
}

output privateIp string = node.properties.ipAddress.ip
