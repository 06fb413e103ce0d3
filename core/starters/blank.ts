/** An empty SAM template: the canvas starts blank. */
export const blank = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: My serverless application

# Resources are added from the palette. CloudFormation needs at least one before deploying.
Resources: {}
`;
