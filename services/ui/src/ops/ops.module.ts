import { Module } from '@nestjs/common';
import { ActuatorController } from './actuator.controller';
import { ProxyController } from './proxy.controller';
import { TopologyService } from './topology.service';

/** Health, the topology page, the chaos switch and the backend pass-through. */
@Module({ controllers: [ActuatorController, ProxyController], providers: [TopologyService] })
export class OpsModule {}
