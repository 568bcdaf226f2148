"""Device outputs in the formats the lab simulators and real VRP/Comware switches print."""

VRP_BRIEF = """\
PHY: Physical
*down: administratively down
^down: standby
(l): loopback
(s): spoofing
(b): BFD down
(e): ETHOAM down
(dl): DLDP down
(d): Dampening Suppressed
InUti/OutUti: input utility/output utility
Interface                   PHY   Protocol  InUti OutUti   inErrors  outErrors
GigabitEthernet0/0/1        up    up        0.04%  0.26%          0          0
GigabitEthernet0/0/2        *down down         0%     0%          0          0
GigabitEthernet0/0/13       down  down         0%     0%          0          0
GigabitEthernet0/0/25       up    up           0%     0%          0          0
NULL0                       up    up(s)        0%     0%          0          0
"""

COMWARE_BRIEF = """\
Brief information on interfaces in route mode:
Link: ADM - administratively down; Stby - standby
Protocol: (s) - spoofing
Interface            Link Protocol Primary IP      Description
InLoop0              UP   UP(s)    --
NULL0                UP   UP(s)    --
REG0                 UP   --       --

Brief information on interfaces in bridge mode:
Link: ADM - administratively down; Stby - standby
Speed: (a) - auto
Duplex: (a)/A - auto; H - half; F - full
Type: A - access; T - trunk; H - hybrid
Interface            Link Speed     Duplex Type PVID Description
GE1/0/1              UP   1G(a)     F(a)   A    100  xy-0002-r01-t1
GE1/0/2              ADM  100M      F      A    100  Room 101 terminal
GE1/0/3              UP   100M      H      T    20   xy-0002-r03-t1
GE1/0/13             DOWN auto      A      A    1
XGE1/0/25            UP   1G        F(a)   T    1    to xy-0002-core01
"""

VRP_TRANSCEIVER = """
GigabitEthernet0/0/25 transceiver information:
-------------------------------------------------------------------
Common information:
  Transceiver Type                       :1000_BASE_LX_SFP
  Connector Type                         :LC
  Wavelength(nm)                         :1310
  Transfer Distance(m)                   :10000(9um)
  Digital Diagnostic Monitoring          :YES
  Vendor Name                            :HUAWEI
-------------------------------------------------------------------
Manufacture information:
  Manu. Serial Number                    :HAWKBWMA5DP
  Vendor Name                            :HUAWEI
-------------------------------------------------------------------
Diagnostic information:
  Temperature(°C)                        :35.65
  Temp High Threshold(°C)                :95.00
  Temp Low  Threshold(°C)                :-50.00
  Voltage(V)                             :3.28
  Volt High Threshold(V)                 :3.80
  Volt Low  Threshold(V)                 :2.81
  Bias Current(mA)                       :12.66
  Bias High Threshold(mA)                :80.00
  Bias Low  Threshold(mA)                :3.00
  RX Power(dBM)                          :-3.40
  RX Power High Threshold(dBM)           :-3.00
  RX Power Low  Threshold(dBM)           :-20.00
  TX Power(dBM)                          :-2.66
  TX Power High Threshold(dBM)           :-3.00
  TX Power Low  Threshold(dBM)           :-9.50
-------------------------------------------------------------------
"""

VRP_NO_TRANSCEIVER = "Info: The transceiver is not present."

COMWARE_TRANSCEIVER = """\
Ten-GigabitEthernet1/0/25 transceiver diagnostic information:
  Current diagnostic parameters:
    Temp.(C)  Voltage(V)  Bias(mA)  RX power(dBm)  TX power(dBm)
    29        3.31        27.91     -7.27          -2.75
  Alarm thresholds:
          Temp.(C)  Voltage(V)  Bias(mA)  RX power(dBm)  TX power(dBm)
    High  75        3.63        85.00     0.50           0.50
    Low   -5        2.97        15.00     -14.40         -8.20
"""

COMWARE_NO_TRANSCEIVER = "The transceiver is absent."

VRP_CONFIG = """\
!Software Version V200R019C10SPC500
#
sysname xy-0003-access01
#
interface GigabitEthernet0/0/1
 description xy-0003-r01-t1
 port link-type access
 port default vlan 100
#
interface GigabitEthernet0/0/2
 description Room 101 terminal
 port link-type access
 port default vlan 100
 undo negotiation auto
 speed 100
 duplex full
 shutdown
#
interface GigabitEthernet0/0/3
 description xy-0003-r03-t1
 port link-type trunk
 port trunk pvid vlan 20
#
interface GigabitEthernet0/0/13
#
interface NULL0
#
return
"""

COMWARE_CONFIG = """\
#
 version 7.1.070, Release 6328
#
 sysname xy-0002-access01
#
interface GigabitEthernet1/0/1
 description xy-0002-r01-t1
 port access vlan 100
#
interface GigabitEthernet1/0/2
 description Room 101 terminal
 shutdown
 speed 100
 duplex full
 port access vlan 100
#
interface GigabitEthernet1/0/13
#
interface Ten-GigabitEthernet1/0/25
 description to xy-0002-core01
 speed 1000
 port link-type trunk
 port trunk pvid vlan 20
#
return
"""
