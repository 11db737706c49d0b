// The feed's public address: UDP and TCP 53 spread over the Feed nodes, each probed on /health/ready
// so a node whose snapshot failed to load stops getting queries.
param name string
param location string
param tags object
param virtualNetworkId string
param nodeAddresses array

resource publicIp 'Microsoft.Network/publicIPAddresses@2023-11-01' = {
  name: '${name}-ip'
  location: location
  tags: tags
  sku: { name: 'Standard' }
  zones: [ '1', '2', '3' ]
  properties: {
    publicIPAllocationMethod: 'Static'
    publicIPAddressVersion: 'IPv4'
  }
}

var frontendName = 'dns'
var poolName = 'feed-nodes'
var probeName = 'ready'

resource balancer 'Microsoft.Network/loadBalancers@2023-11-01' = {
  name: '${name}-lb'
  location: location
  tags: tags
  sku: { name: 'Standard' }
  properties: {
    frontendIPConfigurations: [ { name: frontendName, properties: { publicIPAddress: { id: publicIp.id } } } ]
    backendAddressPools: [
      {
        name: poolName
        properties: {
          loadBalancerBackendAddresses: [for (address, i) in nodeAddresses: {
            name: 'node-${i}'
            properties: {
              ipAddress: address
              virtualNetwork: { id: virtualNetworkId }
            }
          }]
        }
      }
    ]
    probes: [ { name: probeName, properties: { protocol: 'Http', port: 8080, requestPath: '/health/ready', intervalInSeconds: 5, numberOfProbes: 2 } } ]
    loadBalancingRules: [for protocol in [ 'Udp', 'Tcp' ]: {
      name: 'dns-${toLower(protocol)}'
      properties: {
        protocol: protocol
        frontendPort: 53
        backendPort: 10053
        frontendIPConfiguration: { id: resourceId('Microsoft.Network/loadBalancers/frontendIPConfigurations', '${name}-lb', frontendName) }
        backendAddressPool: { id: resourceId('Microsoft.Network/loadBalancers/backendAddressPools', '${name}-lb', poolName) }
        probe: { id: resourceId('Microsoft.Network/loadBalancers/probes', '${name}-lb', probeName) }
        idleTimeoutInMinutes: 4
        enableFloatingIP: false
      }
    }]
  }
}

output publicIp string = publicIp.properties.ipAddress
