// violation: the domain depending on a framework
export { Injectable } from '@nestjs/common';
