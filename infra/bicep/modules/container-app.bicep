// One stateless host (Web or Ingest): scales on load, probed on /health/live and /health/ready.
param name string
param location string
param tags object
param environmentId string
param identityId string
param registryServer string
param image string
param keyVaultUri string
@description('The container port that ingress forwards to.')
param targetPort int
@description('For TCP ingress: the port clients connect to (e.g. 25 for SMTP).')
param exposedPort int = 0
@allowed([ 'http', 'tcp' ])
param transport string
param external bool
param minReplicas int
param maxReplicas int
param env array

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    managedEnvironmentId: environmentId
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: union({
        external: external
        targetPort: targetPort
        transport: transport
        allowInsecure: false
      }, transport == 'tcp' ? { exposedPort: exposedPort } : {})
      registries: [ { server: registryServer, identity: identityId } ]
      secrets: [
        { name: 'database', keyVaultUrl: '${keyVaultUri}secrets/database', identity: identityId }
        { name: 'rabbitmq', keyVaultUrl: '${keyVaultUri}secrets/rabbitmq', identity: identityId }
      ]
    }
    template: {
      containers: [
        {
          name: 'host'
          image: image
          env: env
          resources: { cpu: json('1.0'), memory: '2Gi' }
          probes: [
            { type: 'Liveness', httpGet: { path: '/health/live', port: 8080 }, periodSeconds: 10 }
            { type: 'Readiness', httpGet: { path: '/health/ready', port: 8080 }, periodSeconds: 5 }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: transport == 'tcp'
          ? [ { name: 'connections', tcp: { metadata: { concurrentConnections: '200' } } } ]
          : [ { name: 'requests', http: { metadata: { concurrentRequests: '100' } } } ]
      }
    }
  }
}

output fqdn string = app.properties.configuration.ingress.fqdn
