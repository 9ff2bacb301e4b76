import { Module } from '@nestjs/common';
import { EventModule } from '../events/event.module.js';
import { HardwareTemplateController } from './hardware-template.controller.js';
import { HardwareTemplateRepository } from './hardware-template.repository.js';
import { HardwareTemplateService } from './hardware-template.service.js';

@Module({
  imports: [EventModule],
  controllers: [HardwareTemplateController],
  providers: [HardwareTemplateService, HardwareTemplateRepository],
  exports: [HardwareTemplateService],
})
export class HardwareTemplateModule {}
