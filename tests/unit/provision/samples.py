"""Running configurations as the lab's VRP and Comware simulators print them."""

from __future__ import annotations

VRP = """\
!Software Version V200R019C10SPC500
!Last configuration was saved at 2025-03-01 16:00:00+08:00
#
sysname xy-0002-sw01
#
info-center loghost 10.64.0.12
#
vlan batch 10 100
#
vlan 10
 name mgmt
vlan 100
 name classrooms
#
interface Vlanif10
 ip address 10.65.1.17 255.255.255.240
#
interface GigabitEthernet0/0/1
 description Grade 1 Class 1 xy-0002-r01-t1
 port link-type access
 port default vlan 100
#
interface GigabitEthernet0/0/2
 description old text
 port link-type access
 port default vlan 100
#
interface GigabitEthernet0/0/3
 shutdown
#
interface GigabitEthernet0/0/9
 description uplink xy-agg01 XGigabitEthernet0/0/2
 port link-type trunk
 port trunk allow-pass vlan 10 100
 undo negotiation auto
 speed 1000
#
interface NULL0
#
snmp-agent
snmp-agent community read cipher %^%#abcdef%^%#
snmp-agent sys-info version v2c
#
ntp-service unicast-server 10.64.0.11
#
return
"""

COMWARE = """\
#
 version 7.1.070, Release 6328
#
 sysname xy-0003-sw01
#
 info-center loghost 10.64.0.12
#
 ntp-service unicast-server 10.64.0.11
 ntp-service unicast-server 10.9.9.9
#
vlan 1
#
vlan 10
 name mgmt
#
vlan 100
 name classrooms
#
vlan 300
#
interface Vlan-interface10
 ip address 10.65.1.33 255.255.255.240
#
interface GigabitEthernet1/0/1
 port link-mode bridge
 description Grade 1 Class 1 xy-0003-r01-t1
 port access vlan 100
#
interface GigabitEthernet1/0/28
 port link-mode bridge
 description uplink xy-agg01 XGigabitEthernet0/0/3
 port link-type trunk
 port trunk permit vlan 1 10 to 11 100
#
 snmp-agent
 snmp-agent community read cipher $c$3$abc
 snmp-agent sys-info version v3
 snmp-agent usm-user v3 netops netops cipher authentication-mode sha $c$ privacy-mode aes128 $c$
#
return
"""
