// The feed's public address: UDP and TCP 53 spread over the Feed nodes, each probed on /health/ready
// so a node whose snapshot failed to load stops getting queries.
import { Tags } from 'types.bicep'

param name string
param location string
param tags Tags
param virtualNetworkId string
param nodeAddresses string[]
@description('The port the Feed nodes answer DNS on.')
param dnsPort int
@description('The Feed nodes\' HTTP port, probed on /health/ready.')
param healthPort int

resource publicIp 'Microsoft.Network/publicIPAddresses@2026-03-01' = {
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

var balancerName = '${name}-lb'
var frontendName = 'dns'
var poolName = 'feed-nodes'
var probeName = 'ready'

resource balancer 'Microsoft.Network/loadBalancers@2026-03-01' = {
  name: balancerName
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
    probes: [ { name: probeName, properties: { protocol: 'Http', port: healthPort, requestPath: '/health/ready', intervalInSeconds: 5, numberOfProbes: 2 } } ]
    loadBalancingRules: [for protocol in [ 'Udp', 'Tcp' ]: {
      name: 'dns-${toLower(protocol)}'
      properties: {
        protocol: protocol
        frontendPort: 53
        backendPort: dnsPort
        frontendIPConfiguration: { id: resourceId('Microsoft.Network/loadBalancers/frontendIPConfigurations', balancerName, frontendName) }
        backendAddressPool: { id: resourceId('Microsoft.Network/loadBalancers/backendAddressPools', balancerName, poolName) }
        probe: { id: resourceId('Microsoft.Network/loadBalancers/probes', balancerName, probeName) }
        idleTimeoutInMinutes: 4
        enableFloatingIP: false
      }
    }]
  }
}

output publicIp string = publicIp.properties.ipAddress
