import { Module } from '@nestjs/common';
import { HardwareTemplateController } from './hardware-template.controller.js';
import { HardwareTemplateService } from './hardware-template.service.js';

@Module({
  controllers: [HardwareTemplateController],
  providers: [HardwareTemplateService],
  exports: [HardwareTemplateService],
})
export class HardwareTemplateModule {}
